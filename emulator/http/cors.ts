import type { IncomingMessage, ServerResponse } from "node:http";

/** Stripe.js calls come from the shop's origin: allow any origin, reflect requested headers. */
export function applyCors(request: IncomingMessage, response: ServerResponse): void {
  const origin = request.headers.origin;
  if (!origin) return;
  response.setHeader("Access-Control-Allow-Origin", origin);
  response.setHeader("Vary", "Origin");
  response.setHeader("Access-Control-Allow-Credentials", "true");
  response.setHeader(
    "Access-Control-Expose-Headers",
    "Request-Id, Stripe-Version, Idempotency-Key",
  );
  if (request.method === "OPTIONS") {
    response.setHeader("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
    response.setHeader(
      "Access-Control-Allow-Headers",
      request.headers["access-control-request-headers"] ??
        "Authorization, Content-Type, Stripe-Version, Idempotency-Key",
    );
    response.setHeader("Access-Control-Max-Age", "600");
    // Chromium's Private Network Access preflight: the shop's page may call loopback.
    if (request.headers["access-control-request-private-network"] === "true") {
      response.setHeader("Access-Control-Allow-Private-Network", "true");
    }
  }
}
