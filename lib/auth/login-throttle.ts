import type { LoginThrottleConfig } from "@/lib/config/load-config";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const keysFor = (email: string, ip: string) => ({ email: `email:${email}`, ip: `ip:${ip}` });

/**
 * Failed log-ins per email and per IP, counted in the database so that every app instance sees
 * the same numbers. A window starts at the first failure and lasts `windowMs`.
 */
export async function loginBlockedFor(
  prisma: PrismaClient,
  limits: LoginThrottleConfig,
  email: string,
  ip: string,
  now = new Date(),
): Promise<{ retryAfterMs: number } | null> {
  const keys = keysFor(email, ip);
  const rows = await prisma.loginThrottle.findMany({
    where: { key: { in: [keys.email, keys.ip] } },
  });
  for (const row of rows) {
    const limit = row.key === keys.email ? limits.maxFailuresPerEmail : limits.maxFailuresPerIp;
    const endsAt = row.windowStartsAt.getTime() + limits.windowMs;
    if (row.failures >= limit && endsAt > now.getTime()) {
      return { retryAfterMs: endsAt - now.getTime() };
    }
  }
  return null;
}

export async function recordLoginFailure(
  prisma: PrismaClient,
  limits: LoginThrottleConfig,
  email: string,
  ip: string,
  now = new Date(),
): Promise<void> {
  const windowStart = new Date(now.getTime() - limits.windowMs);
  for (const key of Object.values(keysFor(email, ip))) {
    // One statement per key, so concurrent failures on several instances all count.
    await prisma.$executeRaw`
      INSERT INTO "LoginThrottle" ("key", "failures", "windowStartsAt")
      VALUES (${key}, 1, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "LoginThrottle"."windowStartsAt" <= ${windowStart}
                          THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
        "windowStartsAt" = CASE WHEN "LoginThrottle"."windowStartsAt" <= ${windowStart}
                                THEN ${now} ELSE "LoginThrottle"."windowStartsAt" END`;
  }
}

export async function clearLoginFailures(prisma: PrismaClient, email: string): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { key: `email:${email}` } });
}
