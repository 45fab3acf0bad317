import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearLoginFailures, loginBlockedFor, recordLoginFailure } from "@/lib/auth/login-throttle";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "@/lib/auth/passwords";
import {
  closeSession,
  findSessionUser,
  openSession,
  SESSION_TTL_MS,
} from "@/lib/auth/session-store";
import { createAdapterFactory } from "@/lib/db/adapter-factory";
import { applyPendingMigrations } from "@/lib/db/migrations";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { type TestDatabase, testDatabaseKinds } from "@/lib/testing/test-databases";

const limits = { maxFailuresPerEmail: 3, maxFailuresPerIp: 5, windowMs: 15 * 60_000 };
const minutes = (start: Date, count: number) => new Date(start.getTime() + count * 60_000);

describe("passwords", () => {
  it("hash with argon2id and verify only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "Correct horse battery")).toBe(false);
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
    expect(await verifyAgainstDecoy("anything")).toBe(false);
  });
});

describe.each(testDatabaseKinds())("sessions and log-in throttling on $label", ({ create }) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let userId: string;

  beforeAll(async () => {
    database = await create();
    await applyPendingMigrations(database.config);
    prisma = new PrismaClient({ adapter: createAdapterFactory(database.config) });
    const user = await prisma.user.create({
      data: { email: `${randomUUID()}@example.com`, name: "Jenny", passwordHash: "x" },
    });
    userId = user.id;
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await database.dispose();
  });

  it("finds the user of an open session, keeps only a hash, and forgets it when closed", async () => {
    const { token } = await openSession(prisma, userId);
    expect((await findSessionUser(prisma, token))?.id).toBe(userId);
    expect(await prisma.session.count({ where: { tokenHash: token } })).toBe(0);
    await closeSession(prisma, token);
    expect(await findSessionUser(prisma, token)).toBeNull();
  });

  it("refuses an expired session and an unknown token", async () => {
    const past = new Date(Date.now() - SESSION_TTL_MS - 1_000);
    const { token } = await openSession(prisma, userId, past);
    expect(await findSessionUser(prisma, token)).toBeNull();
    expect(await findSessionUser(prisma, "forged-token")).toBeNull();
  });

  it("blocks an email after its limit, for the rest of the window only", async () => {
    const email = `${randomUUID()}@example.com`;
    const start = new Date();
    for (let i = 0; i < 3; i++) {
      expect(
        await loginBlockedFor(prisma, limits, email, "203.0.113.1", minutes(start, i)),
      ).toBeNull();
      await recordLoginFailure(prisma, limits, email, `203.0.113.${i}`, minutes(start, i));
    }
    expect(await loginBlockedFor(prisma, limits, email, "203.0.113.9", minutes(start, 3))).toEqual({
      retryAfterMs: 12 * 60_000,
    });
    expect(
      await loginBlockedFor(prisma, limits, email, "203.0.113.9", minutes(start, 16)),
    ).toBeNull();

    // A failure after the window starts a new count at one.
    await recordLoginFailure(prisma, limits, email, "203.0.113.9", minutes(start, 16));
    expect(
      await loginBlockedFor(prisma, limits, email, "203.0.113.10", minutes(start, 17)),
    ).toBeNull();
  });

  it("blocks an IP across emails, and a success clears only the email's count", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const email = `${randomUUID()}@example.com`;
    await recordLoginFailure(prisma, limits, email, ip);
    await recordLoginFailure(prisma, limits, email, ip);
    for (let i = 0; i < 3; i++)
      await recordLoginFailure(prisma, limits, `${randomUUID()}@x.com`, ip);
    expect(await loginBlockedFor(prisma, limits, `${randomUUID()}@x.com`, ip)).not.toBeNull();

    await clearLoginFailures(prisma, email);
    expect(await prisma.loginThrottle.findUnique({ where: { key: `email:${email}` } })).toBeNull();
    expect(await prisma.loginThrottle.findUnique({ where: { key: `ip:${ip}` } })).not.toBeNull();
  });

  it("counts concurrent failures without losing any", async () => {
    const email = `${randomUUID()}@example.com`;
    await Promise.all(
      Array.from({ length: 8 }, () => recordLoginFailure(prisma, limits, email, "192.0.2.1")),
    );
    const row = await prisma.loginThrottle.findUniqueOrThrow({ where: { key: `email:${email}` } });
    expect(row.failures).toBe(8);
  });
});
