import type Stripe from "stripe";
import { z } from "zod";
import { type CustomerSignal, customerSignalSchema } from "@/lib/radar/signals";
import { classifyStripeFailure } from "@/lib/radar/stripe-failure";

/** Customer Evaluations are a preview API: requests name the preview version explicitly. */
export const CUSTOMER_EVALUATIONS_API_VERSION = "2026-03-04.preview";

export type CustomerEvaluationEvent = "registration" | "login";

export type CustomerEvaluationReport =
  | { type: "registration_success" | "login_success" }
  | { type: "registration_failed"; reason: "other" | "suspected_multi_accounting" }
  | { type: "login_failed"; reason: "other" | "suspected_account_sharing" };

type EventTypeRow = {
  /** The signal Stripe returns for the event type. */
  signal: "multi_accounting" | "account_sharing";
  /** What is reported when the person got in, when the policy blocked them, and otherwise. */
  reports: Record<"succeeded" | "blocked" | "refused", CustomerEvaluationReport>;
};

/**
 * Everything that differs between evaluated flows ("Customer abuse evaluation" guide): a new
 * flow that Stripe adds an event type for is one more row.
 */
export const CUSTOMER_EVENT_TYPES = {
  registration: {
    signal: "multi_accounting",
    reports: {
      succeeded: { type: "registration_success" },
      blocked: { type: "registration_failed", reason: "suspected_multi_accounting" },
      refused: { type: "registration_failed", reason: "other" },
    },
  },
  login: {
    signal: "account_sharing",
    reports: {
      succeeded: { type: "login_success" },
      blocked: { type: "login_failed", reason: "suspected_account_sharing" },
      refused: { type: "login_failed", reason: "other" },
    },
  },
} as const satisfies Record<CustomerEvaluationEvent, EventTypeRow>;

const reportedEventSchema = z.object({
  type: z.string(),
  occurred_at: z.number().int(),
  login_failed: z.object({ reason: z.string() }).nullish(),
  registration_failed: z.object({ reason: z.string() }).nullish(),
});

/**
 * The Customer Evaluation object (Stripe API reference: "The Customer Evaluation object"). The
 * examples of the guide "Customer abuse evaluation" use `caeval_` IDs too.
 */
export const customerEvaluationSchema = z.object({
  id: z.string().regex(/^(cuseval|caeval)_\w+$/),
  object: z.literal("radar.customer_evaluation"),
  event_type: z.enum(["registration", "login"]),
  livemode: z.boolean(),
  created_at: z.number().int(),
  customer: z.string().nullable(),
  events: z.array(reportedEventSchema).nullable(),
  signals: z
    .object({
      multi_accounting: customerSignalSchema.nullish(),
      account_sharing: customerSignalSchema.nullish(),
    })
    .nullable(),
});
export type CustomerEvaluation = z.infer<typeof customerEvaluationSchema>;

export type CustomerEvaluationResult =
  | { kind: "available"; evaluation: CustomerEvaluation; signal: CustomerSignal | null }
  | { kind: "unavailable"; reason: string }
  | { kind: "invalid_radar_session"; reason: string };

export type CustomerEvaluationRequest = {
  eventType: CustomerEvaluationEvent;
  customer: string;
  radarSession: string | undefined;
  idempotencyKey: string;
};

/**
 * Stripe's form encoding of `evaluation_context[]` (Stripe API reference: "Create a customer
 * evaluation"): customer first, then client.
 */
export function customerEvaluationParams(request: CustomerEvaluationRequest) {
  const context: Record<string, unknown>[] = [
    { type: "customer_details", customer_details: { customer: request.customer } },
  ];
  if (request.radarSession) {
    context.push({
      type: "client_details",
      client_details: { radar_session: request.radarSession },
    });
  }
  return { event_type: request.eventType, evaluation_context: context };
}

/**
 * Creates a Customer Evaluation and never throws: anything that keeps the signal from us
 * (time-out, network, 5xx, 429, a preview not enabled on the account, an unreadable response)
 * comes back as `unavailable`, so the caller can fail open.
 */
export async function createCustomerEvaluation(
  stripe: Stripe,
  request: CustomerEvaluationRequest,
): Promise<CustomerEvaluationResult> {
  let response: unknown;
  try {
    response = await stripe.rawRequest(
      "POST",
      "/v1/radar/customer_evaluations",
      customerEvaluationParams(request),
      {
        apiVersion: CUSTOMER_EVALUATIONS_API_VERSION,
        idempotencyKey: request.idempotencyKey,
        maxNetworkRetries: 0,
      },
    );
  } catch (error) {
    const failure = classifyStripeFailure(error);
    return failure.kind === "invalid_radar_session"
      ? { kind: "invalid_radar_session", reason: failure.message }
      : { kind: "unavailable", reason: failure.message };
  }
  return parseCustomerEvaluation(response, request.eventType);
}

export function parseCustomerEvaluation(
  response: unknown,
  eventType: CustomerEvaluationEvent,
): CustomerEvaluationResult {
  const parsed = customerEvaluationSchema.safeParse(response);
  if (!parsed.success) {
    return {
      kind: "unavailable",
      reason: `Unexpected response from Stripe: ${parsed.error.issues[0]?.message ?? "invalid"}`,
    };
  }
  const signal = parsed.data.signals?.[CUSTOMER_EVENT_TYPES[eventType].signal] ?? null;
  return { kind: "available", evaluation: parsed.data, signal };
}

export function reportParams(report: CustomerEvaluationReport) {
  return "reason" in report
    ? { type: report.type, [report.type]: { reason: report.reason } }
    : { type: report.type };
}

/** Reports the outcome. Throws on failure: the caller keeps the report and sends it again. */
export async function reportCustomerEvaluation(
  stripe: Stripe,
  evaluationId: string,
  report: CustomerEvaluationReport,
): Promise<CustomerEvaluation> {
  const response = await stripe.rawRequest(
    "POST",
    `/v1/radar/customer_evaluations/${encodeURIComponent(evaluationId)}/report`,
    reportParams(report),
    {
      apiVersion: CUSTOMER_EVALUATIONS_API_VERSION,
      // One key per evaluation and outcome: a report sent twice is replayed, not rejected.
      idempotencyKey: `report-${evaluationId}-${report.type}`,
    },
  );
  return customerEvaluationSchema.parse(response);
}
