import type { PrismaClient } from "@/lib/generated/prisma/client";
import { explainDecision, type PolicyThresholds, paymentRuling } from "@/lib/radar/policy";
import type { RiskLevel } from "@/lib/radar/signals";

/**
 * One evaluation with what the detail page shows beside it: the user, the order, and the policy
 * rule that made the decision.
 */
export async function findEvaluation(
  prisma: PrismaClient,
  id: string,
  thresholds: PolicyThresholds,
) {
  const customer = await prisma.customerEvaluation.findUnique({
    where: { id },
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  if (customer) {
    const signal =
      customer.score === null && customer.riskLevel === null
        ? null
        : {
            score: customer.score ?? Number.NaN,
            risk_level: customer.riskLevel as RiskLevel | null,
          };
    return {
      kind: "customer" as const,
      evaluation: customer,
      rule: explainDecision(customer.decision, signal, thresholds),
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

export type FoundEvaluation = NonNullable<Awaited<ReturnType<typeof findEvaluation>>>;
