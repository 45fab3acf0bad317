import type { PrismaClient } from "@/lib/generated/prisma/client";

export const FOREIGN_RADAR_SESSION =
  "This page's device check belongs to another account. Reload the page and try again.";

/** True when the Radar Session was already used by an account other than `email`'s. */
export async function radarSessionBelongsToAnother(
  prisma: PrismaClient,
  radarSession: string | undefined,
  email: string,
): Promise<boolean> {
  if (!radarSession) return false;
  const use = await prisma.radarSessionUse.findUnique({
    where: { radarSession },
    include: { user: { select: { email: true } } },
  });
  return Boolean(use && use.user.email !== email);
}

export async function claimRadarSession(
  prisma: PrismaClient,
  radarSession: string | undefined,
  userId: string,
): Promise<void> {
  if (!radarSession) return;
  // ON CONFLICT DO NOTHING: the first account to use a session keeps it.
  await prisma.radarSessionUse.createMany({
    data: [{ radarSession, userId }],
    skipDuplicates: true,
  });
}
