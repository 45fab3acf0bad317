import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe.each(testDatabaseKinds())("sessions on $label", ({ create }) => {
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
});
