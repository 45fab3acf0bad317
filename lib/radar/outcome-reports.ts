import type Stripe from "stripe";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import {
  type CustomerEvaluationReport,
  reportCustomerEvaluation,
} from "@/lib/radar/customer-evaluation";

/**
 * Records the outcome on the evaluation and reports it to Radar. If Stripe cannot be reached the
 * report stays pending and `sendPendingReports` delivers it later: an outcome is never dropped.
 */
export async function recordOutcome(
  prisma: PrismaClient,
  stripe: Stripe,
  evaluationRecordId: string,
  report: CustomerEvaluationReport,
): Promise<void> {
  const record = await prisma.customerEvaluation.findUniqueOrThrow({
    where: { id: evaluationRecordId },
  });
  if (record.reportStatus === "reported") return;
  await prisma.customerEvaluation.update({
    where: { id: record.id },
    data: {
      outcome: report.type,
      outcomeReason: "reason" in report ? report.reason : null,
      // An evaluation Stripe never made has nothing to report to.
      reportStatus: record.stripeId ? "pending" : "none",
    },
  });
  if (record.stripeId) await deliverReport(prisma, stripe, record.id, record.stripeId, report);
}

async function deliverReport(
  prisma: PrismaClient,
  stripe: Stripe,
  recordId: string,
  stripeId: string,
  report: CustomerEvaluationReport,
): Promise<boolean> {
  try {
    const evaluation = await reportCustomerEvaluation(stripe, stripeId, report);
    await prisma.customerEvaluation.update({
      where: { id: recordId },
      data: {
        reportStatus: "reported",
        reportedAt: new Date(),
        reportError: null,
        reportAttempts: { increment: 1 },
        raw: evaluation as unknown as Prisma.InputJsonValue,
      },
    });
    return true;
  } catch (error) {
    await prisma.customerEvaluation.update({
      where: { id: recordId },
      data: {
        reportAttempts: { increment: 1 },
        reportError: error instanceof Error ? error.message : String(error),
      },
    });
    return false;
  }
}

export const MAX_REPORT_ATTEMPTS = 20;

/** Sends reports that could not be delivered before, oldest first. Returns how many went out. */
export async function sendPendingReports(
  prisma: PrismaClient,
  stripe: Stripe,
  limit = 20,
): Promise<number> {
  const pending = await prisma.customerEvaluation.findMany({
    where: { reportStatus: "pending", reportAttempts: { lt: MAX_REPORT_ATTEMPTS } },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  let delivered = 0;
  for (const record of pending) {
    if (!record.stripeId || !record.outcome) continue;
    const report = {
      type: record.outcome,
      ...(record.outcomeReason ? { reason: record.outcomeReason } : {}),
    } as CustomerEvaluationReport;
    if (await deliverReport(prisma, stripe, record.id, record.stripeId, report)) delivered += 1;
  }
  return delivered;
}
