import type Stripe from "stripe";
import { z } from "zod";
import {
  type AccountAbuseApi,
  type AccountEvaluationRequest,
  type AccountEvaluationResult,
  type AccountEvent,
  type AccountOutcome,
  type AccountSignal,
  OUTCOME_STATUS,
  type ReportedEvaluation,
} from "@/lib/radar/account-abuse";
import { knownRiskLevel } from "@/lib/radar/signals";
import { failedEvaluation } from "@/lib/radar/stripe-failure";

/**
 * v1 Customer Evaluations (`/v1/radar/customer_evaluations`, private preview). Checked against
 * stripe-node's private-preview releases (`src/resources/Radar/CustomerEvaluations.ts` and the
 * CHANGELOG, v20.5.0-alpha.2 to v22.6.0-alpha.2) and the API reference "Report an event on a
 * Customer Evaluation".
 */

/** The newest preview version of the private-preview SDKs: reports with `status`. */
export const CUSTOMER_EVALUATIONS_VERSION = "2026-08-12.preview";
/** The version of Stripe's first documents: reports with `type` and a reason. */
export const SEEDS_VERSION = "2026-03-04.preview";
export const STRIPE_VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}\.preview$/;

/** The first version whose report takes `status` (stripe-node v22.2.0-alpha.5). */
const STATUS_REPORTS_SINCE = "2026-04-22";
/** The first version that takes `client_details.data` (stripe-node v22.3.0-alpha.3). */
const CLIENT_DATA_SINCE = "2026-06-10";

const since = (version: string, date: string) => version.slice(0, 10) >= date;

const SIGNAL = {
  registration: "multi_accounting",
  login: "account_sharing",
} as const satisfies Record<AccountEvent, AccountSignal["name"]>;

/** The seeds' report `type` and failure reason for each outcome. */
const SEEDS_REPORTS = {
  registration: {
    allowed: { type: "registration_success" },
    restricted: { type: "registration_success" },
    blocked: { type: "registration_failed", reason: "suspected_multi_accounting" },
    refused: { type: "registration_failed", reason: "other" },
  },
  login: {
    allowed: { type: "login_success" },
    restricted: { type: "login_success" },
    blocked: { type: "login_failed", reason: "suspected_account_sharing" },
    refused: { type: "login_failed", reason: "other" },
  },
} as const satisfies Record<
  AccountEvent,
  Record<AccountOutcome, { type: string; reason?: string }>
>;

/**
 * What the app needs of the object, read as loosely as Stripe's types allow: any ID, `customer`
 * optional, a score that may be missing or null, a risk level the app does not know yet. A score
 * outside 0-100, or a field of another type, is not readable.
 */
const signalSchema = z
  .object({
    score: z.number().min(0).max(100).nullish(),
    risk_level: z.string().nullish(),
  })
  .nullish();

const customerEvaluationSchema = z.object({
  id: z.string().min(1),
  customer: z.string().nullish(),
  signals: z.object({ multi_accounting: signalSchema, account_sharing: signalSchema }).nullish(),
});

/** The parameters of "Create a Customer Evaluation" for this version. */
export function customerEvaluationParams(request: AccountEvaluationRequest, apiVersion: string) {
  const { client } = request;
  const context: Record<string, unknown>[] = [
    { type: "customer_details", customer_details: { customer: request.customer } },
  ];
  if (client.radarSession) {
    context.push({
      type: "client_details",
      client_details: { radar_session: client.radarSession },
    });
  } else if (since(apiVersion, CLIENT_DATA_SINCE)) {
    // Stripe's fallback when the browser made no Radar Session.
    context.push({
      type: "client_details",
      client_details: {
        data: {
          ip: client.ip,
          ...(client.userAgent ? { user_agent: client.userAgent } : {}),
          ...(client.referrer ? { referrer: client.referrer } : {}),
        },
      },
    });
  }
  return { event_type: request.event, evaluation_context: context };
}

/** The report's parameters as `apiVersion` expects them. */
export function reportParams(
  evaluation: Pick<ReportedEvaluation, "eventType">,
  outcome: AccountOutcome,
  apiVersion: string,
): Record<string, unknown> {
  if (since(apiVersion, STATUS_REPORTS_SINCE)) return { status: OUTCOME_STATUS[outcome] };
  const report: { type: string; reason?: string } = SEEDS_REPORTS[evaluation.eventType][outcome];
  return report.reason
    ? { type: report.type, [report.type]: { reason: report.reason } }
    : { type: report.type };
}

export function parseCustomerEvaluation(
  response: unknown,
  event: AccountEvent,
  apiVersion: string,
): AccountEvaluationResult {
  const parsed = customerEvaluationSchema.safeParse(response);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const id = (response as { id?: unknown } | null)?.id;
    return {
      kind: "unreadable",
      radarApi: "v1",
      apiVersion,
      id: typeof id === "string" && id.length > 0 ? id : null,
      raw: response,
      problem: `${issue?.path.join(".") || "response"}: ${issue?.message ?? "unreadable"}`,
    };
  }
  const { id, customer, signals } = parsed.data;
  const signal = signals?.[SIGNAL[event]];
  return {
    kind: "evaluated",
    evaluation: { radarApi: "v1", apiVersion, id, customer: customer ?? null, raw: response },
    signal: signal
      ? {
          name: SIGNAL[event],
          score: signal.score ?? null,
          riskLevel: knownRiskLevel(signal.risk_level),
        }
      : null,
  };
}

/** The v1 module: every call names the preview version explicitly. */
export function customerEvaluationsApi(
  stripe: Stripe,
  { apiVersion, timeoutMs }: { apiVersion: string; timeoutMs: number },
): AccountAbuseApi {
  return {
    radarApi: "v1",
    async evaluate(request) {
      let response: unknown;
      try {
        response = await stripe.rawRequest(
          "POST",
          "/v1/radar/customer_evaluations",
          customerEvaluationParams(request, apiVersion),
          {
            apiVersion,
            idempotencyKey: request.idempotencyKey,
            maxNetworkRetries: 0,
            timeout: timeoutMs,
          },
        );
      } catch (error) {
        return failedEvaluation(error);
      }
      return parseCustomerEvaluation(response, request.event, apiVersion);
    },

    async report(evaluation, outcome) {
      // Sent with the version the evaluation was made with, which is the one that reads it.
      const version = evaluation.apiVersion ?? apiVersion;
      const params = reportParams(evaluation, outcome, version);
      await stripe.rawRequest(
        "POST",
        `/v1/radar/customer_evaluations/${encodeURIComponent(evaluation.stripeId)}/report`,
        params,
        {
          apiVersion: version,
          // One key per evaluation and outcome: a report sent twice is replayed, not rejected.
          idempotencyKey: `report-${evaluation.stripeId}-${outcome}`,
          timeout: timeoutMs,
        },
      );
    },
  };
}
