import type { Decision, PrismaClient } from "@/lib/generated/prisma/client";
import {
  explainDecision,
  paymentRuling,
  type RadarPolicy,
  unreadableRuling,
  withoutDeviceSignal,
} from "@/lib/radar/policy";
import type { RiskLevel } from "@/lib/radar/signals";

/**
 * One evaluation with what the detail page shows beside it: the user, the order, and the policy
 * rule that made the decision.
 */
export async function findEvaluation(prisma: PrismaClient, id: string, policy: RadarPolicy) {
  const customer = await prisma.customerEvaluation.findUnique({
    where: { id },
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  if (customer) {
    const signal =
      customer.score === null && customer.riskLevel === null
        ? null
        : { score: customer.score, riskLevel: customer.riskLevel as RiskLevel | null };
    return {
      kind: "customer" as const,
      evaluation: customer,
      rule: customerRule(customer, signal, policy),
    };
  }
  const attempt = await prisma.paymentAttempt.findUnique({
    where: { id },
    include: {
      order: {
        select: {
          id: true,
          number: true,
          status: true,
          webhookConfirmedAt: true,
          user: { select: { id: true, email: true, name: true } },
        },
      },
    },
  });
  if (!attempt) return null;
  return {
    kind: "payment" as const,
    attempt,
    rule: paymentRuling(attempt.recommendedAction).rule,
  };
}

/** The rule behind a saved account evaluation's decision, by what Stripe answered. */
function customerRule(
  saved: { decision: Decision; unreadableReason: string | null; refusedReason: string | null },
  signal: Parameters<typeof explainDecision>[1],
  policy: RadarPolicy,
): string {
  if (saved.refusedReason) return "Stripe refused the request: the person was not let in";
  if (saved.unreadableReason) {
    const { decision, rule } = unreadableRuling(policy);
    if (saved.decision === decision) return rule;
    if (saved.decision === withoutDeviceSignal(decision)) {
      return `no Radar Session: at least review (${rule})`;
    }
    return `${saved.decision}, under a setting other than today's (${rule} now)`;
  }
  return explainDecision(saved.decision, signal, policy);
}

export type FoundEvaluation = NonNullable<Awaited<ReturnType<typeof findEvaluation>>>;
