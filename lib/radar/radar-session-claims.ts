import type { PrismaClient, RadarSessionFlow } from "@/lib/generated/prisma/client";

export type { RadarSessionFlow };

export const FOREIGN_RADAR_SESSION =
  "This page's device check belongs to another account. Reload the page and try again.";

/**
 * Claims a Radar Session for one account and one flow. The first request to present it wins, in
 * one statement, so simultaneous requests sharing a fresh session cannot both get through; the
 * same account sending the same flow again (a double click, a retry) keeps it. Returns false when
 * the session belongs to another account or another flow.
 */
export async function claimRadarSession(
  prisma: PrismaClient,
  radarSession: string,
  flow: RadarSessionFlow,
  email: string,
): Promise<boolean> {
  // DO UPDATE (not DO NOTHING) so that RETURNING yields the row that won, new or existing.
  const [owner] = await prisma.$queryRaw<{ flow: RadarSessionFlow; email: string }[]>`
    INSERT INTO "RadarSessionClaim" ("radarSession", "flow", "email")
    VALUES (${radarSession}, ${flow}::"RadarSessionFlow", ${email})
    ON CONFLICT ("radarSession") DO UPDATE SET "radarSession" = EXCLUDED."radarSession"
    RETURNING "flow", "email"`;
  return owner?.flow === flow && owner.email === email;
}
