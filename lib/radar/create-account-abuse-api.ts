import type Stripe from "stripe";
import type { RadarConfig } from "@/lib/config/load-config";
import type { AccountAbuseApi, RadarApi } from "@/lib/radar/account-abuse";
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
  const generations: Partial<Record<RadarApi, AccountAbuseApi>> = {
    v1: customerEvaluationsApi(stripe, { apiVersion: radar.customerEvaluationsVersion, timeoutMs }),
  };
  const generation = (api: RadarApi): AccountAbuseApi => {
    const module = generations[api];
    if (!module) throw new Error(`RADAR_API=${api} is not available in this build`);
    return module;
  };
  const configured = generation(radar.api);
  return {
    radarApi: radar.api,
    evaluate: (request) => configured.evaluate(request),
    report: (evaluation, outcome) => generation(evaluation.radarApi).report(evaluation, outcome),
  };
}
