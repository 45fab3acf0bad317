import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import {
  findCustomerEvaluationWhy,
  findLatestPaymentWhy,
  type ScoreWhy,
} from "@/lib/radar/score-explanation";

/**
 * The reasons behind a refusal, for the presenter beside the customer's generic sentence: only
 * in demo mode, never to customers of a real shop.
 */
export async function presenterWhy(
  about: { customerEvaluation: string } | { order: string },
): Promise<ScoreWhy | undefined> {
  if (!config.demoMode) return undefined;
  return "order" in about
    ? findLatestPaymentWhy(db(), about.order, config.stripe.mode)
    : findCustomerEvaluationWhy(db(), about.customerEvaluation, config.stripe.mode);
}
