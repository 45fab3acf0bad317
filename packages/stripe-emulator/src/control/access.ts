import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isLoopback } from "../http/incoming.ts";

/**
 * Who may call a control route:
 * - `browser`: the 3D Secure challenge page and its completion, used by the shop's page and by
 *   the challenge page itself; the PaymentIntent's client secret authorises them, as it does
 *   the publishable-key API calls.
 * - `open`: the health check (no state, no secrets), for tools and the app's start-up probe.
 * - `token`: everything else; `Authorization: Bearer <control token>` from a page of an
 *   allowed origin, or from a client that sends no Origin (curl, tests, the app).
 */
export type ControlAccess = "browser" | "open" | "token";

export function controlAccess(path: string): ControlAccess {
  if (path.startsWith("/_emulator/3ds/")) return "browser";
  if (path === "/_emulator/health") return "open";
  return "token";
}

export interface Refusal {
  status: number;
  message: string;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a control request is refused, or undefined when it may run. */
export function controlRefusal(
  request: IncomingMessage,
  access: ControlAccess,
  controlToken: string,
  allowedOrigins: ReadonlySet<string>,
): Refusal | undefined {
  if (!isLoopback(request)) return { status: 403, message: "The control API is loopback only." };
  if (access === "browser") return undefined;
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedOrigins.has(origin)) {
    return {
      status: 403,
      message: `The control API does not answer pages from ${origin}. Allowed origins: the app's (from STRIPE_EMULATOR_WEBHOOK_URL) and STRIPE_EMULATOR_ALLOWED_ORIGINS.`,
    };
  }
  if (access === "open") return undefined;
  const authorization = request.headers.authorization ?? "";
  const token = authorization.startsWith("Bearer ") ? authorization.slice(7).trim() : "";
  if (!token) {
    return {
      status: 401,
      message:
        "The control API needs the control token: send 'Authorization: Bearer <control_token>' (control_token is in local-secrets.json in the emulator's data directory).",
    };
  }
  if (!sameToken(token, controlToken)) {
    return { status: 401, message: "Invalid control token." };
  }
  return undefined;
}
