import { isIPv4, isIPv6 } from "node:net";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

export type RateLimit = { max: number; windowMs: number };

export type RateLimitVerdict = { kind: "allowed" } | { kind: "limited"; retryAfterMs: number };

/** Counts one attempt under `key`: `takeAttempts` with one limit. */
export function takeAttempt(
  prisma: PrismaClient,
  key: string,
  limit: RateLimit,
  now = new Date(),
): Promise<RateLimitVerdict> {
  return takeAttempts(prisma, [[key, limit]], now);
}

/**
 * After the guarded work succeeded, in one statement: the `cleared` keys are forgotten (their
 * windows end) and each `returned` key gets its attempt back, since a success did not count.
 */
export async function forgiveAttempts(
  prisma: PrismaClient,
  { cleared, returned }: { cleared: string[]; returned: string[] },
): Promise<void> {
  await prisma.$executeRaw`
    WITH "cleared" AS (
      DELETE FROM "RateLimitCounter" WHERE "key" = ANY(${cleared}::text[])
    )
    UPDATE "RateLimitCounter" SET "count" = GREATEST("count" - 1, 0)
    WHERE "key" = ANY(${returned}::text[])`;
}

/**
 * Counts one attempt under each key, in order, before the work it guards; refused at the first
 * limit reached, whose later keys are left untouched. A window starts at a key's first attempt
 * and lasts `windowMs`; the attempt over `max` is refused.
 *
 * One statement for all the keys, so that parallel requests (on any number of app instances) can
 * never all see room left and all go through: each key's upsert is a data-modifying CTE that
 * runs only on the rows the previous key's upsert returned within its limit.
 */
export async function takeAttempts(
  prisma: PrismaClient,
  limits: readonly (readonly [key: string, limit: RateLimit])[],
  now = new Date(),
): Promise<RateLimitVerdict> {
  const steps = limits.map(([key, limit], index) => {
    const expired = new Date(now.getTime() - limit.windowMs);
    const name = Prisma.raw(`"attempt${index}"`);
    const previous = index === 0 ? null : Prisma.raw(`"attempt${index - 1}"`);
    const source = previous
      ? Prisma.sql`SELECT ${key}, 1, ${now}::timestamp FROM ${previous}
          WHERE ${previous}."count" <= ${limits[index - 1]?.[1].max ?? 0}`
      : Prisma.sql`VALUES (${key}, 1, ${now}::timestamp)`;
    return {
      cte: Prisma.sql`${name} AS (
        INSERT INTO "RateLimitCounter" ("key", "count", "windowStartsAt") ${source}
        ON CONFLICT ("key") DO UPDATE SET
          "count" = CASE WHEN "RateLimitCounter"."windowStartsAt" <= ${expired}
                         THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
          "windowStartsAt" = CASE WHEN "RateLimitCounter"."windowStartsAt" <= ${expired}
                                  THEN ${now} ELSE "RateLimitCounter"."windowStartsAt" END
        RETURNING "count", "windowStartsAt")`,
      result: Prisma.sql`SELECT ${index}::int AS "step", "count", "windowStartsAt" FROM ${name}`,
    };
  });
  if (steps.length === 0) return { kind: "allowed" };
  const rows = await prisma.$queryRaw<{ step: number; count: number; windowStartsAt: Date }[]>`
    WITH ${Prisma.join(
      steps.map((step) => step.cte),
      ", ",
    )}
    ${Prisma.join(
      steps.map((step) => step.result),
      " UNION ALL ",
    )}`;
  for (const row of rows.sort((a, b) => a.step - b.step)) {
    const limit = limits[row.step]?.[1];
    if (limit && row.count > limit.max) {
      return {
        kind: "limited",
        retryAfterMs: Math.max(1, row.windowStartsAt.getTime() + limit.windowMs - now.getTime()),
      };
    }
  }
  return { kind: "allowed" };
}

/**
 * The part of a client's address that per-IP limits count: an IPv4 address whole, an IPv6
 * address by its /64. One IPv6 host or home network is given a whole /64, so counting each of
 * its 2^64 addresses apart would let one client rotate past any limit.
 */
export function rateLimitAddress(address: string): string {
  const bare = address.split("%")[0] ?? address;
  if (!isIPv6(bare)) return address;
  const hextets = expand(bare);
  return `${hextets
    .slice(0, 4)
    .map((hextet) => Number.parseInt(hextet, 16).toString(16))
    .join(":")}::/64`;
}

/** The eight hextets of a valid IPv6 address, "::" filled in and a dotted IPv4 tail converted. */
function expand(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const groups = (part: string) =>
    part === ""
      ? []
      : part.split(":").flatMap((group) => {
          if (!isIPv4(group)) return [group];
          const [a = 0, b = 0, c = 0, d = 0] = group.split(".").map(Number);
          return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
        });
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  return [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
}

/** What a throttled form answers: when to try again. */
export function tooManyAttempts(retryAfterMs: number): string {
  return `Too many attempts. Try again in ${Math.ceil(retryAfterMs / 60_000)} minute(s).`;
}
