import type { PrismaClient, RadarSessionFlow } from "@/lib/generated/prisma/client";

export type { RadarSessionFlow };

export const FOREIGN_RADAR_SESSION =
  "This page's device check was already used, by another log-in or another account. Reload the page and try again.";

/**
 * Claims a Radar Session for one account and one flow. The first request to present it wins, in
 * one statement, so simultaneous requests sharing a fresh session cannot both get through.
 * Returns false when the session belongs to another account or another flow.
 *
 * A log-in's session is used once: its page brings a fresh one with each answer, and a copy sent
 * from other browsers would otherwise sign them all in as the device that made it. A
 * registration or a checkout sent again (a double click, a retry) keeps its session: the email,
 * or the checkout ID, makes the copy the same sign-up or order.
 */
export async function claimRadarSession(
  prisma: PrismaClient,
  radarSession: string,
  flow: RadarSessionFlow,
  email: string,
): Promise<boolean> {
  // DO UPDATE (not DO NOTHING) so that RETURNING yields the row that won, new or existing; xmax
  // is 0 only on a row this statement inserted.
  const [owner] = await prisma.$queryRaw<
    { flow: RadarSessionFlow; email: string; inserted: boolean }[]
  >`
    INSERT INTO "RadarSessionClaim" ("radarSession", "flow", "email")
    VALUES (${radarSession}, ${flow}::"RadarSessionFlow", ${email})
    ON CONFLICT ("radarSession") DO UPDATE SET "radarSession" = EXCLUDED."radarSession"
    RETURNING "flow", "email", (xmax = 0) AS "inserted"`;
  if (owner?.flow !== flow || owner.email !== email) return false;
  return flow !== "login" || owner.inserted;
}
