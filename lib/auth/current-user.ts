import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { closeSession, findSessionUser, openSession } from "@/lib/auth/session-store";
import { db } from "@/lib/db/client";

const COOKIE = "session";

/** The signed-in user for this request, or null. Cached per request. */
export const currentUser = cache(async () => {
  const token = (await cookies()).get(COOKIE)?.value;
  return token ? findSessionUser(db(), token) : null;
});

/** The signed-in user, or a redirect to the login page. */
export async function requireUser() {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

export async function signIn(userId: string): Promise<void> {
  const { token, expiresAt } = await openSession(db(), userId);
  // Secure whenever the request came over HTTPS (directly or through a proxy that says so).
  const secure = (await headers()).get("x-forwarded-proto") === "https";
  (await cookies()).set(COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    expires: expiresAt,
  });
}

export async function signOut(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(COOKIE)?.value;
  if (token) await closeSession(db(), token);
  jar.delete(COOKIE);
}
