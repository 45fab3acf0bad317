import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { forgiveAttempts, takeAttempt, takeAttempts } from "@/lib/auth/rate-limit";
import { setUpTestDatabase } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";

const limit = { max: 3, windowMs: 15 * 60_000 };
const minutes = (start: Date, count: number) => new Date(start.getTime() + count * 60_000);

describe.each(testDatabaseKinds())("rate limits on $label", (kind) => {
  const database = setUpTestDatabase(kind);

  it("refuses the attempt over the limit for the rest of the window only", async () => {
    const key = `test:${randomUUID()}`;
    const start = new Date();
    for (let i = 0; i < 3; i++) {
      expect(await takeAttempt(database.prisma, key, limit, minutes(start, i))).toEqual({
        kind: "allowed",
      });
    }
    expect(await takeAttempt(database.prisma, key, limit, minutes(start, 3))).toEqual({
      kind: "limited",
      retryAfterMs: 12 * 60_000,
    });
    // The window does not slide with refused attempts: it ends 15 minutes after the first.
    expect(await takeAttempt(database.prisma, key, limit, minutes(start, 16))).toEqual({
      kind: "allowed",
    });
  });

  it("lets exactly `max` of many simultaneous attempts through", async () => {
    const key = `test:${randomUUID()}`;
    const verdicts = await Promise.all(
      Array.from({ length: 30 }, () => takeAttempt(database.prisma, key, limit)),
    );
    expect(verdicts.filter((verdict) => verdict.kind === "allowed")).toHaveLength(3);
  });

  it("gives back a returned attempt and forgets a cleared key, in one call", async () => {
    const returned = `test:${randomUUID()}`;
    const cleared = `test:${randomUUID()}`;
    const untouched = `test:${randomUUID()}`;
    for (const key of [returned, cleared, untouched]) {
      for (let i = 0; i < 3; i++) await takeAttempt(database.prisma, key, limit);
    }
    await forgiveAttempts(database.prisma, { cleared: [cleared], returned: [returned] });
    expect((await takeAttempt(database.prisma, returned, limit)).kind).toBe("allowed");
    expect((await takeAttempt(database.prisma, returned, limit)).kind).toBe("limited");
    expect(await database.prisma.rateLimitCounter.count({ where: { key: cleared } })).toBe(0);
    expect((await takeAttempt(database.prisma, untouched, limit)).kind).toBe("limited");
  });

  it("stops at the first limit reached and leaves the later keys untouched", async () => {
    const full = `test:${randomUUID()}`;
    const other = `test:${randomUUID()}`;
    for (let i = 0; i < 3; i++) await takeAttempt(database.prisma, full, limit);
    const verdict = await takeAttempts(database.prisma, [
      [full, limit],
      [other, limit],
    ]);
    expect(verdict.kind).toBe("limited");
    expect(await database.prisma.rateLimitCounter.count({ where: { key: other } })).toBe(0);
  });

  it("charges the second key only for attempts the first let through, under simultaneous requests", async () => {
    const first = `test:${randomUUID()}`;
    const second = `test:${randomUUID()}`;
    const roomy = { max: 10, windowMs: limit.windowMs };
    const verdicts = await Promise.all(
      Array.from({ length: 20 }, () =>
        takeAttempts(database.prisma, [
          [first, limit],
          [second, roomy],
        ]),
      ),
    );
    expect(verdicts.filter((verdict) => verdict.kind === "allowed")).toHaveLength(3);
    const counts = await database.prisma.rateLimitCounter.findMany({
      where: { key: { in: [first, second] } },
    });
    expect(Object.fromEntries(counts.map((row) => [row.key, row.count]))).toEqual({
      [first]: 20,
      [second]: 3,
    });
  });

  it("refuses when a later key is full, with that key's time left", async () => {
    const open = `test:${randomUUID()}`;
    const full = `test:${randomUUID()}`;
    const start = new Date();
    for (let i = 0; i < 3; i++) await takeAttempt(database.prisma, full, limit, start);
    expect(
      await takeAttempts(
        database.prisma,
        [
          [open, limit],
          [full, limit],
        ],
        minutes(start, 5),
      ),
    ).toEqual({ kind: "limited", retryAfterMs: 10 * 60_000 });
  });
});
