import type { IncomingMessage, ServerResponse } from "node:http";

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * The origins allowed to call the control API: the configured ones plus the app's, taken from
 * the webhook URL. A loopback app is reachable under any loopback name, so all are allowed.
 */
export function controlOrigins(configured: string[], webhookUrl: string | undefined): Set<string> {
  const origins = new Set(configured);
  if (!webhookUrl) return origins;
  const app = new URL(webhookUrl);
  origins.add(app.origin);
  if (LOOPBACK_HOSTS.includes(app.hostname)) {
    for (const host of LOOPBACK_HOSTS) {
      const alias = new URL(app.origin);
      alias.hostname = host;
      origins.add(alias.origin);
    }
  }
  return origins;
}

/**
 * The Stripe API, the stand-in Stripe.js and its 3D Secure completion are called by the shop's
 * page from any origin, as Stripe's are: reflect the origin and the requested headers. Calls are
 * authorised by a key or client secret in the request, never by cookies, so no credentials.
 * (Secret-key endpoints refuse pages altogether: see `authenticate`.) Chromium's Private Network
 * Access, which lets a public page reach this loopback service, is granted to the allowed
 * origins (the app's) only.
 */
export function applyPublicCors(
  request: IncomingMessage,
  response: ServerResponse,
  allowedOrigins: ReadonlySet<string>,
): void {
  const origin = request.headers.origin;
  if (!origin) return;
  response.setHeader("Access-Control-Allow-Origin", origin);
  response.setHeader("Vary", "Origin");
  response.setHeader(
    "Access-Control-Expose-Headers",
    "Request-Id, Stripe-Version, Idempotency-Key",
  );
  if (request.method === "OPTIONS") {
    allowMethodsAndHeaders(request, response);
    if (
      request.headers["access-control-request-private-network"] === "true" &&
      allowedOrigins.has(origin)
    ) {
      response.setHeader("Access-Control-Allow-Private-Network", "true");
    }
  }
}

/**
 * The control API answers pages of the allowed origins only (and, being a private-network
 * service, never opts in to Private Network Access or credentials).
 */
export function applyControlCors(
  request: IncomingMessage,
  response: ServerResponse,
  allowedOrigins: ReadonlySet<string>,
): void {
  const origin = request.headers.origin;
  if (!origin || !allowedOrigins.has(origin)) return;
  response.setHeader("Access-Control-Allow-Origin", origin);
  response.setHeader("Vary", "Origin");
  if (request.method === "OPTIONS") allowMethodsAndHeaders(request, response);
}

function allowMethodsAndHeaders(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
  response.setHeader(
    "Access-Control-Allow-Headers",
    request.headers["access-control-request-headers"] ??
      "Authorization, Content-Type, Stripe-Version, Idempotency-Key",
  );
  response.setHeader("Access-Control-Max-Age", "600");
}
