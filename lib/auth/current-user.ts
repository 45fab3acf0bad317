import "server-only";
import { randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import {
  closeAllSessions,
  closeSession,
  findSessionUser,
  openSession,
} from "@/lib/auth/session-store";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { secureCookies } from "@/lib/http/security-headers";

const SESSION_COOKIE = "session";

/** The signed-in user for this request, or null. Cached per request. */
export const currentUser = cache(async () => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? findSessionUser(db(), token) : null;
});

/** The signed-in user, or a redirect to the login page. */
export async function requireUser() {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

/** Whether this request's cookies must be `Secure` (see `secureCookies`). */
export async function secureCookiesForRequest(): Promise<boolean> {
  return secureCookies({
    appUrl: config.appUrl,
    production: process.env.NODE_ENV === "production",
    forwardedProto: (await headers()).get("x-forwarded-proto"),
  });
}

/** Signs a browser in as a user; the sign-up and log-in flows call it beside their last writes. */
export type SignIn = (userId: string) => Promise<void>;

/** Signs the browser in with a new session, which replaces the one its cookie held, if any. */
export const signIn: SignIn = async (userId) => {
  const jar = await cookies();
  const { token, expiresAt } = await openSession(db(), userId, {
    replacing: jar.get(SESSION_COOKIE)?.value,
  });
  jar.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: await secureCookiesForRequest(),
    path: "/",
    expires: expiresAt,
  });
};

export async function signOut(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await closeSession(db(), token);
  jar.delete(SESSION_COOKIE);
}

/** Signs the user out on every browser, this one included. */
export async function signOutEverywhere(): Promise<void> {
  const user = await currentUser();
  if (user) await closeAllSessions(db(), user.id);
  (await cookies()).delete(SESSION_COOKIE);
}

const DEVICE_COOKIE = "device";
const ONE_YEAR_S = 365 * 24 * 60 * 60;

/**
 * A random ID this browser keeps, so that registrations can be counted per device as well as per
 * IP. A client that drops it gets a new one each time and is then held by the per-IP limit.
 */
export async function deviceId(): Promise<string> {
  const jar = await cookies();
  const existing = jar.get(DEVICE_COOKIE)?.value;
  if (existing && /^[A-Za-z0-9_-]{22}$/.test(existing)) return existing;
  const id = randomBytes(16).toString("base64url");
  jar.set(DEVICE_COOKIE, id, {
    httpOnly: true,
    sameSite: "lax",
    secure: await secureCookiesForRequest(),
    path: "/",
    maxAge: ONE_YEAR_S,
  });
  return id;
}
