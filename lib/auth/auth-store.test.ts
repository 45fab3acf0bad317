import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "@/lib/auth/passwords";
import {
  closeAllSessions,
  closeSession,
  findSessionUser,
  openSession,
  SESSION_TTL_MS,
} from "@/lib/auth/session-store";
import { setUpTestDatabase } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";

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

describe.each(testDatabaseKinds())("sessions on $label", (kind) => {
  const database = setUpTestDatabase(kind);
  let userId: string;
  let otherUserId: string;

  const createUser = async (name: string) => {
    const user = await database.prisma.user.create({
      data: { email: `${randomUUID()}@example.com`, name, passwordHash: "x" },
    });
    return user.id;
  };

  beforeAll(async () => {
    userId = await createUser("Jenny");
    otherUserId = await createUser("Mallory");
  });

  it("finds the user of an open session, keeps only a hash, and forgets it when closed", async () => {
    const { token } = await openSession(database.prisma, userId);
    expect((await findSessionUser(database.prisma, token))?.id).toBe(userId);
    expect(await database.prisma.session.count({ where: { tokenHash: token } })).toBe(0);
    await closeSession(database.prisma, token);
    expect(await findSessionUser(database.prisma, token)).toBeNull();
  });

  it("refuses an expired session and an unknown token", async () => {
    const past = new Date(Date.now() - SESSION_TTL_MS - 1_000);
    const { token } = await openSession(database.prisma, userId, { now: past });
    expect(await findSessionUser(database.prisma, token)).toBeNull();
    expect(await findSessionUser(database.prisma, "forged-token")).toBeNull();
  });

  it("rotates the session on sign-in: the browser's previous token stops working", async () => {
    const before = await openSession(database.prisma, userId);
    const after = await openSession(database.prisma, userId, { replacing: before.token });
    expect(await findSessionUser(database.prisma, before.token)).toBeNull();
    expect((await findSessionUser(database.prisma, after.token))?.id).toBe(userId);
  });

  it("closes a token planted in the browser by someone else when the user signs in", async () => {
    const planted = await openSession(database.prisma, otherUserId);
    const signedIn = await openSession(database.prisma, userId, { replacing: planted.token });
    expect(await findSessionUser(database.prisma, planted.token)).toBeNull();
    expect((await findSessionUser(database.prisma, signedIn.token))?.id).toBe(userId);
  });

  it("signs a user out everywhere without touching anyone else's sessions", async () => {
    const user = await createUser("Jenny");
    const other = await createUser("Diana");
    const laptop = await openSession(database.prisma, user);
    const phone = await openSession(database.prisma, user);
    const othersSession = await openSession(database.prisma, other);

    await closeAllSessions(database.prisma, user);

    expect(await findSessionUser(database.prisma, laptop.token)).toBeNull();
    expect(await findSessionUser(database.prisma, phone.token)).toBeNull();
    expect(await database.prisma.session.count({ where: { userId: user } })).toBe(0);
    expect((await findSessionUser(database.prisma, othersSession.token))?.id).toBe(other);
  });
});
