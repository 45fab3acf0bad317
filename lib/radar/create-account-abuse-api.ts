import type Stripe from "stripe";
import type { RadarConfig } from "@/lib/config/load-config";
import type { AccountAbuseApi, RadarApi } from "@/lib/radar/account-abuse";
import { accountEvaluationsApi } from "@/lib/radar/account-evaluations";
import { customerEvaluationsApi } from "@/lib/radar/customer-evaluations";

/**
 * The generation `RADAR_API` names evaluates; a report goes to the generation that made its
 * evaluation, so reports still pending when the setting changes are sent where they belong.
 */
export function createAccountAbuseApi(
  stripe: Stripe,
  radar: RadarConfig,
  timeoutMs: number,
): AccountAbuseApi {
  const generations: Record<RadarApi, AccountAbuseApi> = {
    v1: customerEvaluationsApi(stripe, { apiVersion: radar.customerEvaluationsVersion, timeoutMs }),
    v2: accountEvaluationsApi(stripe, { waitMs: radar.completionWaitMs, timeoutMs }),
  };
  const configured = generations[radar.api];
  return {
    radarApi: radar.api,
    evaluate: (request) => configured.evaluate(request),
    report: (evaluation, outcome) => generations[evaluation.radarApi].report(evaluation, outcome),
  };
}
