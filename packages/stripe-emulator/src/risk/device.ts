import { createHash } from "node:crypto";

/**
 * A device's identity: the stand-in Stripe.js's persistent device ID when it sent one,
 * otherwise a hash of the caller's IP and User-Agent.
 */
export function deviceKey(deviceId: string | undefined, ip: string, userAgent: string): string {
  if (deviceId) return `device:${deviceId}`;
  return `ipua:${createHash("sha256").update(`${ip}\n${userAgent}`).digest("hex").slice(0, 16)}`;
}
