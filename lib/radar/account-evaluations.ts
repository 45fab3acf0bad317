import type Stripe from "stripe";
import { z } from "zod";
import { riskLevelSchema } from "@/lib/radar/signals";

/**
 * The v2 Signals API (Stripe docs: "Multi-account and account sharing abuse evaluation (v2)") is
 * a public preview: every call names its version. Checked against the types of the public-preview
 * SDK, stripe@22.7.0-beta.1 (`V2.Signals.AccountEvaluation`, `V2.Signals.AccountActivity`).
 */
export const SIGNALS_API_VERSION = "2026-08-26.preview";

export type AccountEvaluationEvent = "registration" | "login";
export type AccountSignalName = "user_multi_accounting" | "user_account_sharing";
/** What the app did after the evaluation (`registration_decision.status`, `login_decision.status`). */
export type DecisionStatus = "allowed" | "blocked" | "restricted";

/** The signal each flow requests, and the activity types it records. */
export const ACCOUNT_EVENT_TYPES = {
  registration: {
    signal: "user_multi_accounting",
    attempt: "registration_attempt",
    decision: "registration_decision",
  },
  login: {
    signal: "user_account_sharing",
    attempt: "login_attempt",
    decision: "login_decision",
  },
} as const satisfies Record<
  AccountEvaluationEvent,
  { signal: AccountSignalName; attempt: string; decision: string }
>;

/** `evaluated_signals.<signal>`: the score is a decimal string, "0.00" to "100.00", when there is one. */
const evaluatedSignalSchema = z.object({
  risk_level: riskLevelSchema,
  score: z
    .string()
    .regex(/^\d{1,3}(\.\d+)?$/)
    .nullish(),
  signal: z.string().nullish(),
  evaluated_at: z.string().nullish(),
});
export type EvaluatedSignal = z.infer<typeof evaluatedSignalSchema>;

/** The Account Evaluation object; what the types mark optional or the docs nullable is nullish here. */
export const accountEvaluationSchema = z.object({
  id: z.string().min(1),
  object: z.literal("v2.signals.account_evaluation"),
  account_details: z.object({ customer: z.string().nullish() }),
  account_activity_details: z.object({ account_activity: z.string().nullish() }).nullish(),
  created: z.string(),
  livemode: z.boolean(),
  requested_signals: z.array(z.string()),
  pending_signals: z.array(z.string()),
  evaluated_signals: z
    .object({
      user_multi_accounting: evaluatedSignalSchema.nullish(),
      user_account_sharing: evaluatedSignalSchema.nullish(),
    })
    .nullish(),
});
export type AccountEvaluation = z.infer<typeof accountEvaluationSchema>;

/** Where the browser's signal comes from: its Radar Session, or what the server saw of it. */
export type ClientDetails =
  | { radar_session: string }
  | { data: { ip: string; user_agent?: string; referrer?: string } };

export type AccountEvaluationRequest = {
  eventType: AccountEvaluationEvent;
  customer: string;
  clientDetails: ClientDetails;
  occurredAt: Date;
  idempotencyKey: string;
};

/** The body of "Create an Account Evaluation", as JSON. */
export function accountEvaluationParams(request: AccountEvaluationRequest) {
  const row = ACCOUNT_EVENT_TYPES[request.eventType];
  return {
    requested_signals: [row.signal],
    account_details: { customer: request.customer },
    account_activity_details: {
      data: {
        type: row.attempt,
        [row.attempt]: { client_details: request.clientDetails },
        occurred_at: request.occurredAt.toISOString(),
      },
    },
  };
}

/** Creates the evaluation. Throws Stripe's error; the caller sorts outages from refusals. */
export async function createAccountEvaluation(
  stripe: Stripe,
  request: AccountEvaluationRequest,
): Promise<unknown> {
  return stripe.rawRequest(
    "POST",
    "/v2/signals/account_evaluations",
    accountEvaluationParams(request),
    {
      apiVersion: SIGNALS_API_VERSION,
      idempotencyKey: request.idempotencyKey,
      maxNetworkRetries: 0,
    },
  );
}

export function retrieveAccountEvaluation(
  stripe: Stripe,
  id: string,
  timeoutMs?: number,
): Promise<unknown> {
  return stripe.rawRequest(
    "GET",
    `/v2/signals/account_evaluations/${encodeURIComponent(id)}`,
    undefined,
    { apiVersion: SIGNALS_API_VERSION, ...(timeoutMs ? { timeout: timeoutMs } : {}) },
  );
}

/** An evaluation is complete when no requested signal is pending (and then Stripe sends its event). */
export const isComplete = (evaluation: AccountEvaluation) =>
  evaluation.pending_signals.length === 0;

/** The flow's signal, with its decimal score read as a number (null when Stripe gives none). */
export function signalOf(evaluation: AccountEvaluation, eventType: AccountEvaluationEvent) {
  const signal = evaluation.evaluated_signals?.[ACCOUNT_EVENT_TYPES[eventType].signal];
  if (!signal) return null;
  return {
    score: signal.score == null ? null : Number(signal.score),
    risk_level: signal.risk_level,
    evaluated_at: signal.evaluated_at ?? null,
  };
}

export type AccountActivityRequest = {
  eventType: AccountEvaluationEvent;
  evaluationId: string;
  customer: string | null;
  status: DecisionStatus;
};

/** The body of "Create an Account Activity" that reports the app's decision. */
export function accountActivityParams(request: AccountActivityRequest) {
  const decision = ACCOUNT_EVENT_TYPES[request.eventType].decision;
  return {
    type: decision,
    account_evaluation: request.evaluationId,
    ...(request.customer ? { account_details: { customer: request.customer } } : {}),
    [decision]: { status: request.status },
  };
}

/**
 * Reports the decision as an Account Activity. The path is singular, as in the SDK and the API
 * reference's example (`POST /v2/signals/account_activity`). Throws on failure: the caller keeps
 * the report and sends it again.
 */
export function createAccountActivity(
  stripe: Stripe,
  request: AccountActivityRequest,
): Promise<unknown> {
  return stripe.rawRequest("POST", "/v2/signals/account_activity", accountActivityParams(request), {
    apiVersion: SIGNALS_API_VERSION,
    // One key per evaluation and decision: a report sent twice is replayed, not recorded twice.
    idempotencyKey: `activity-${request.evaluationId}-${request.status}`,
  });
}

/** Gaps between two reads of a pending evaluation: quick at first, then no faster than this. */
const POLL_GAPS_MS = [50, 100, 200, 400];

export type Completion =
  | { kind: "complete"; evaluation: AccountEvaluation }
  | { kind: "pending"; evaluation: AccountEvaluation; waitedMs: number };

/**
 * Waits for a pending evaluation by reading it again (retrieve), backing off from 50 to 400 ms,
 * until nothing is pending or `waitMs` has passed since `startedAt`. Polling rather than waiting
 * for the `v2.signals.account_evaluation.complete` event keeps the wait bounded and working on
 * any app instance, whichever one Stripe delivers the event to; the event still updates the
 * saved evaluation when it completes after the wait. A read that fails or is unreadable is
 * skipped: the next one may succeed, and the deadline bounds them all.
 */
export async function waitForCompletion(
  stripe: Stripe,
  created: AccountEvaluation,
  { waitMs, startedAt = performance.now() }: { waitMs: number; startedAt?: number },
): Promise<Completion> {
  let latest = created;
  for (let poll = 0; !isComplete(latest); poll++) {
    const remaining = waitMs - (performance.now() - startedAt);
    const gap = POLL_GAPS_MS[Math.min(poll, POLL_GAPS_MS.length - 1)] ?? 400;
    if (remaining < gap) {
      return {
        kind: "pending",
        evaluation: latest,
        waitedMs: Math.round(performance.now() - startedAt),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, gap));
    try {
      const read = accountEvaluationSchema.safeParse(
        await retrieveAccountEvaluation(
          stripe,
          latest.id,
          Math.max(1, Math.round(remaining - gap)),
        ),
      );
      if (read.success) latest = read.data;
    } catch {
      // Skipped: see above.
    }
  }
  return { kind: "complete", evaluation: latest };
}
