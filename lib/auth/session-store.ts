import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient, User } from "@/lib/generated/prisma/client";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Opens a session and returns its token, which only the cookie holds; the row keeps a hash.
 * `replacing` is the token of the session cookie the browser already has, if any: that session is
 * closed before the new one opens, whoever it belonged to, so that every sign-in rotates the
 * session and a token from before it (kept by an earlier user of the browser, or planted there to
 * be signed in with) stops working; a failure in between leaves the browser signed out.
 */
export async function openSession(
  prisma: PrismaClient,
  userId: string,
  { replacing, now = new Date() }: { replacing?: string; now?: Date } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  if (replacing) await closeSession(prisma, replacing);
  await prisma.session.create({ data: { tokenHash: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

/**
 * The user a session token signs in, or null when the session is unknown or has expired. One
 * statement, the session joined to its user: it runs for every signed-in page and action.
 */
export async function findSessionUser(
  prisma: PrismaClient,
  token: string,
  now = new Date(),
): Promise<User | null> {
  const [user] = await prisma.$queryRaw<User[]>`
    SELECT "User".* FROM "Session" JOIN "User" ON "User"."id" = "Session"."userId"
    WHERE "Session"."tokenHash" = ${hashToken(token)} AND "Session"."expiresAt" > ${now}`;
  return user ?? null;
}

export async function closeSession(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

/** Closes every session of a user, on every browser: "Sign out everywhere". */
export async function closeAllSessions(prisma: PrismaClient, userId: string): Promise<void> {
  await prisma.session.deleteMany({ where: { userId } });
}
