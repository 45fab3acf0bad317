import type { PrismaClient } from "@/lib/generated/prisma/client";

export type RateLimit = { max: number; windowMs: number };

export type RateLimitVerdict = { kind: "allowed" } | { kind: "limited"; retryAfterMs: number };

/**
 * Counts one attempt under `key` before the work it guards, in one statement, so that parallel
 * requests (on any number of app instances) can never all see room left and all go through. A
 * window starts at the first attempt and lasts `windowMs`; the attempt over `max` is refused.
 */
export async function takeAttempt(
  prisma: PrismaClient,
  key: string,
  limit: RateLimit,
  now = new Date(),
): Promise<RateLimitVerdict> {
  const expired = new Date(now.getTime() - limit.windowMs);
  const [row] = await prisma.$queryRaw<{ count: number; windowStartsAt: Date }[]>`
    INSERT INTO "RateLimitCounter" ("key", "count", "windowStartsAt")
    VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."windowStartsAt" <= ${expired}
                     THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
      "windowStartsAt" = CASE WHEN "RateLimitCounter"."windowStartsAt" <= ${expired}
                              THEN ${now} ELSE "RateLimitCounter"."windowStartsAt" END
    RETURNING "count", "windowStartsAt"`;
  if (!row || row.count <= limit.max) return { kind: "allowed" };
  return {
    kind: "limited",
    retryAfterMs: Math.max(1, row.windowStartsAt.getTime() + limit.windowMs - now.getTime()),
  };
}

/** Hands an attempt back once it turned out not to count (a log-in that succeeded). */
export async function returnAttempt(prisma: PrismaClient, key: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "RateLimitCounter" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${key}`;
}

export async function clearAttempts(prisma: PrismaClient, key: string): Promise<void> {
  await prisma.rateLimitCounter.deleteMany({ where: { key } });
}

/** Takes an attempt under every key; refused as soon as one limit is reached. */
export async function takeAttempts(
  prisma: PrismaClient,
  limits: readonly (readonly [key: string, limit: RateLimit])[],
  now = new Date(),
): Promise<RateLimitVerdict> {
  for (const [key, limit] of limits) {
    const verdict = await takeAttempt(prisma, key, limit, now);
    if (verdict.kind === "limited") return verdict;
  }
  return { kind: "allowed" };
}
