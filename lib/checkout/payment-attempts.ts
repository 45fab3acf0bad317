import type Stripe from "stripe";
import type { CheckoutForm } from "@/lib/checkout/checkout-form";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { PaymentEvaluationResult } from "@/lib/radar/payment-evaluation";
import { type Decision, paymentRuling } from "@/lib/radar/policy";

/** The card as people recognise it, read from the PaymentMethod checkout already retrieves. */
export type CardSummary = {
  brand: string | null;
  last4: string | null;
  fingerprint: string | null;
};

export function cardSummary(method: Stripe.PaymentMethod): CardSummary {
  return {
    brand: method.card?.brand ?? null,
    last4: method.card?.last4 ?? null,
    fingerprint: method.card?.fingerprint ?? null,
  };
}

export type EvaluationForAttempt = Exclude<
  PaymentEvaluationResult,
  { kind: "invalid_radar_session" | "refused" }
>;

/** The Payment Evaluation, and in emulator mode the factors behind its score. */
export type ExplainedEvaluation = {
  evaluation: EvaluationForAttempt;
  factors: Prisma.InputJsonValue | undefined;
};

/** Radar's recommendation decides; an evaluation that could not be had fails open. */
function decisionFor(evaluation: EvaluationForAttempt): Decision {
  return paymentRuling(evaluation.kind === "available" ? evaluation.risk.recommendedAction : null)
    .decision;
}

/** A new payment attempt: the card, the Payment Evaluation and the decision it led to. */
export function newPaymentAttempt(
  form: Pick<CheckoutForm, "paymentMethod" | "radarSession">,
  card: CardSummary,
  { evaluation, factors }: ExplainedEvaluation,
): Omit<Prisma.PaymentAttemptUncheckedCreateInput, "orderId"> {
  const attempt = {
    paymentMethod: form.paymentMethod,
    radarSession: form.radarSession ?? null,
    cardBrand: card.brand,
    cardLast4: card.last4,
    cardFingerprint: card.fingerprint,
    decision: decisionFor(evaluation),
  };
  if (evaluation.kind === "unavailable") {
    return { ...attempt, unavailableReason: evaluation.reason };
  }
  const { risk } = evaluation;
  return {
    ...attempt,
    paymentEvaluationId: risk.id,
    recommendedAction: risk.recommendedAction,
    score: risk.score,
    riskLevel: risk.riskLevel,
    evaluationRaw: risk.raw as Prisma.InputJsonValue,
    ...(factors === undefined ? {} : { factors }),
    ...(attempt.decision === "block" ? { failureMessage: BLOCKED_MESSAGE } : {}),
  };
}

export const BLOCKED_MESSAGE = "Radar recommended blocking this payment.";

/**
 * Saves the attempt with the card the order is now paid with; a blocked attempt blocks the order.
 * The same form sent twice gets the same Payment Evaluation (one idempotency key) and so is one
 * attempt. Returns the decision.
 *
 * The attempt and the order are written at once, each in one statement. Either can be missing
 * if the process stops: the order has no PaymentIntent yet then, and the form sent again gets
 * the same evaluation, finds or saves the same attempt and writes the order.
 */
export async function recordPaymentAttempt(
  prisma: PrismaClient,
  orderId: string,
  form: Pick<CheckoutForm, "paymentMethod" | "radarSession">,
  card: CardSummary,
  explained: ExplainedEvaluation,
): Promise<Decision> {
  const attempt = { ...newPaymentAttempt(form, card, explained), orderId };
  const { paymentEvaluationId } = attempt;
  // Independent rows, sent together.
  await Promise.all([
    paymentEvaluationId
      ? // Prisma sends an upsert as one INSERT … ON CONFLICT when its update names the unique field.
        prisma.paymentAttempt.upsert({
          where: { paymentEvaluationId },
          create: attempt,
          update: { paymentEvaluationId },
          select: { id: true },
        })
      : prisma.paymentAttempt.create({ data: attempt, select: { id: true } }),
    prisma.order.update({
      where: { id: orderId },
      data: {
        paymentMethod: form.paymentMethod,
        ...(attempt.decision === "block" ? { status: "blocked" } : {}),
      },
      select: { id: true },
    }),
  ]);
  return attempt.decision;
}
