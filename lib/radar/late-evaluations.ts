import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { parseAccountEvaluation, retrieveAccountEvaluation } from "@/lib/radar/account-evaluations";
import { explanationToStore } from "@/lib/radar/score-explanation";
import type { Services } from "@/lib/services/services";

/** Stripe sends this thin event when nothing is pending on an Account Evaluation any more. */
export const EVALUATION_COMPLETE_EVENT = "v2.signals.account_evaluation.complete";

/** What a thin event (`object: "v2.core.event"`) says: its type and the object it is about. */
export type EventNotification = {
  type: string;
  related_object?: { id?: string; type: string; url: string } | null;
};

export type NotificationOutcome = "processed" | "ignored";

/**
 * An Account Evaluation that completed after its flow stopped waiting: its signal is saved on
 * the evaluation, so the dashboard shows it, while the decision already taken stays as it was
 * (with the reason it was taken without the signal). A thin event carries only the
 * evaluation's ID: the evaluation is read from Stripe. Delivered twice, or about an evaluation
 * that was not waiting, it changes nothing. One that arrives before its flow has saved the
 * evaluation (it completed in the few milliseconds after the flow's last read) finds nothing to
 * complete: that evaluation keeps its reason and no signal.
 */
export async function applyEventNotification(
  { prisma, stripe, explain }: Pick<Services, "prisma" | "stripe" | "explain">,
  notification: EventNotification,
  timeoutMs: number,
): Promise<NotificationOutcome> {
  const evaluationId = notification.related_object?.id;
  if (notification.type !== EVALUATION_COMPLETE_EVENT || !evaluationId) return "ignored";
  const record = await waitingRecord(prisma, evaluationId);
  if (!record) return "ignored";
  const read = parseAccountEvaluation(
    await retrieveAccountEvaluation(stripe, evaluationId, timeoutMs),
    record.eventType,
  );
  if (read.kind !== "read" || read.evaluation.pending_signals.length > 0) return "ignored";
  const factors = await explanationToStore(explain, evaluationId);
  const { count } = await prisma.customerEvaluation.updateMany({
    where: { id: record.id, score: null, riskLevel: null },
    data: {
      score: read.signal?.score ?? null,
      riskLevel: read.signal?.riskLevel ?? null,
      raw: read.raw as Prisma.InputJsonValue,
      ...(factors === undefined ? {} : { factors }),
    },
  });
  return count > 0 ? "processed" : "ignored";
}

/** The saved evaluation that was decided while Stripe still had it pending, if this is one. */
function waitingRecord(prisma: PrismaClient, stripeId: string) {
  return prisma.customerEvaluation.findFirst({
    where: { stripeId, unavailableReason: { not: null }, score: null, riskLevel: null },
    select: { id: true, eventType: true },
  });
}
