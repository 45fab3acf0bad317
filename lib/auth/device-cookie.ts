import "server-only";
import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { secureCookiesForRequest } from "@/lib/auth/current-user";

const COOKIE = "device";
const ONE_YEAR_S = 365 * 24 * 60 * 60;

/**
 * A random ID this browser keeps, so that registrations can be counted per device as well as per
 * IP. A client that drops it gets a new one each time and is then held by the per-IP limit.
 */
export async function deviceId(): Promise<string> {
  const jar = await cookies();
  const existing = jar.get(COOKIE)?.value;
  if (existing && /^[A-Za-z0-9_-]{22}$/.test(existing)) return existing;
  const id = randomBytes(16).toString("base64url");
  jar.set(COOKIE, id, {
    httpOnly: true,
    sameSite: "lax",
    secure: await secureCookiesForRequest(),
    path: "/",
    maxAge: ONE_YEAR_S,
  });
  return id;
}
