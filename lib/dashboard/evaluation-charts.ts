import type { PrismaClient } from "@/lib/generated/prisma/client";

export type ScorePoint = { at: number; score: number; kind: "customer" | "payment" };
export type Count = { label: string; count: number };
export type Breakdown = { byRiskLevel: Count[]; byDecision: Count[] };

const POINTS_PER_KIND = 300;
const BREAKDOWN_DAYS = 30;

/** The latest scored evaluations of each kind, oldest first, for a chart of scores over time. */
export async function scoresOverTime(prisma: PrismaClient): Promise<ScorePoint[]> {
  const latest = { orderBy: { createdAt: "desc" as const }, take: POINTS_PER_KIND };
  const scored = { score: { not: null } };
  const [customers, payments] = await Promise.all([
    prisma.customerEvaluation.findMany({
      ...latest,
      where: scored,
      select: { createdAt: true, score: true },
    }),
    prisma.paymentAttempt.findMany({
      ...latest,
      where: scored,
      select: { createdAt: true, score: true },
    }),
  ]);
  const points = (rows: typeof customers, kind: ScorePoint["kind"]) =>
    rows.map((row) => ({ at: row.createdAt.getTime(), score: row.score ?? 0, kind }));
  return [...points(customers, "customer"), ...points(payments, "payment")].sort(
    (a, b) => a.at - b.at,
  );
}

function addUp(counts: { key: string | null; count: number }[]): Count[] {
  const totals = new Map<string, number>();
  for (const { key, count } of counts) {
    const label = key ?? "none";
    totals.set(label, (totals.get(label) ?? 0) + count);
  }
  return [...totals].map(([label, count]) => ({ label, count }));
}

/** How the last 30 days' evaluations split by risk level and by decision, both kinds together. */
export async function evaluationBreakdown(
  prisma: PrismaClient,
  now = new Date(),
): Promise<Breakdown> {
  const where = { createdAt: { gte: new Date(now.getTime() - BREAKDOWN_DAYS * 86_400_000) } };
  // One pass over each table, grouped by both columns at once.
  const groups = (
    await Promise.all([
      prisma.customerEvaluation.groupBy({
        by: ["riskLevel", "decision"],
        where,
        _count: { _all: true },
      }),
      prisma.paymentAttempt.groupBy({
        by: ["riskLevel", "decision"],
        where,
        _count: { _all: true },
      }),
    ])
  ).flat();
  return {
    byRiskLevel: addUp(groups.map((row) => ({ key: row.riskLevel, count: row._count._all }))),
    byDecision: addUp(groups.map((row) => ({ key: row.decision, count: row._count._all }))),
  };
}
