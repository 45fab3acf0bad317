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
 * v2 Account Evaluations (Stripe docs: "Multi-account and account sharing abuse evaluation (v2)"),
 * a public preview: every call names its version. Checked against the public-preview SDK's types
 * (stripe@22.7.0-beta.1: `V2.Signals.AccountEvaluation`, `V2.Signals.AccountActivity`).
 */
export const SIGNALS_API_VERSION = "2026-08-26.preview";

/** The signal each flow requests, and the Account Activity types that describe it. */
const EVENTS = {
  registration: {
    signal: "user_multi_accounting",
    attempt: "registration_attempt",
    decision: "registration_decision",
  },
  login: { signal: "user_account_sharing", attempt: "login_attempt", decision: "login_decision" },
} as const satisfies Record<
  AccountEvent,
  { signal: AccountSignal["name"]; [type: string]: string }
>;

/** `evaluated_signals.<signal>`: the score, when there is one, is a decimal string, "0.00" to "100.00". */
const evaluatedSignalSchema = z
  .object({
    risk_level: z.string().nullish(),
    score: z
      .string()
      .regex(/^\d{1,3}(\.\d+)?$/, "expected a decimal string")
      .refine((score) => Number(score) <= 100, "expected at most 100")
      .nullish(),
  })
  .nullish();

/** What the app needs of the Account Evaluation, as loosely as the SDK's types allow. */
const accountEvaluationSchema = z.object({
  id: z.string().min(1),
  object: z.literal("v2.signals.account_evaluation"),
  account_details: z.object({ customer: z.string().nullish() }).nullish(),
  pending_signals: z.array(z.string()),
  evaluated_signals: z
    .object({
      user_multi_accounting: evaluatedSignalSchema,
      user_account_sharing: evaluatedSignalSchema,
    })
    .nullish(),
});
/** An evaluation as read: what the app needs of it, its signal and Stripe's object as received. */
type Read = {
  kind: "read";
  evaluation: z.infer<typeof accountEvaluationSchema>;
  signal: AccountSignal | null;
  raw: unknown;
};

/** The body of "Create an Account Evaluation": the signal, the customer and the attempt. */
export function accountEvaluationParams(request: AccountEvaluationRequest, occurredAt: Date) {
  const { client } = request;
  const event = EVENTS[request.event];
  const clientDetails = client.radarSession
    ? { radar_session: client.radarSession }
    : {
        // Stripe's fallback when the browser made no Radar Session.
        data: {
          ip: client.ip,
          ...(client.userAgent ? { user_agent: client.userAgent } : {}),
          ...(client.referrer ? { referrer: client.referrer } : {}),
        },
      };
  return {
    requested_signals: [event.signal],
    account_details: { customer: request.customer },
    account_activity_details: {
      data: {
        type: event.attempt,
        [event.attempt]: { client_details: clientDetails },
        occurred_at: occurredAt.toISOString(),
      },
    },
  };
}

/** The body of "Create an Account Activity" that reports the app's decision on the evaluation. */
export function accountActivityParams(evaluation: ReportedEvaluation, outcome: AccountOutcome) {
  const { decision } = EVENTS[evaluation.eventType];
  return {
    type: decision,
    account_evaluation: evaluation.stripeId,
    ...(evaluation.stripeCustomerId
      ? { account_details: { customer: evaluation.stripeCustomerId } }
      : {}),
    [decision]: { status: OUTCOME_STATUS[outcome] },
  };
}

/** The flow's signal, its decimal score read as a number; a risk level the app does not know is none. */
export function parseAccountEvaluation(
  response: unknown,
  event: AccountEvent,
): Read | { kind: "unreadable"; problem: string } {
  const parsed = accountEvaluationSchema.safeParse(response);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      kind: "unreadable",
      problem: `${issue?.path.join(".") || "response"}: ${issue?.message ?? "unreadable"}`,
    };
  }
  const name = EVENTS[event].signal;
  const signal = parsed.data.evaluated_signals?.[name];
  return {
    kind: "read",
    evaluation: parsed.data,
    raw: response,
    signal: signal
      ? {
          name,
          score: signal.score == null ? null : Number(signal.score),
          riskLevel: knownRiskLevel(signal.risk_level),
        }
      : null,
  };
}

/** Gaps between two reads of a pending evaluation: quick at first, then no faster than this. */
const POLL_GAPS_MS = [50, 100, 200, 400];
/** Time left under which one more read is not worth sending. */
const LAST_READ_MS = 50;

/**
 * Reads a pending evaluation again (retrieve), 50 ms after it was created and then backing off to
 * every 400 ms, until nothing is pending or `waitMs` since `startedAt` has passed; the last read
 * comes just before then. Polling rather than waiting for the
 * `v2.signals.account_evaluation.complete` event keeps the wait bounded and working on any app
 * instance, whichever one Stripe delivers the event to; the event still completes the saved
 * evaluation when it arrives after the wait (lib/radar/late-evaluations.ts). A read that fails or
 * cannot be read is skipped: the next may succeed, and the deadline bounds them all (each read's
 * time-out is the time left). Returns the evaluation as last read.
 */
async function waitForCompletion(
  stripe: Stripe,
  created: Read,
  { waitMs, startedAt }: { waitMs: number; startedAt: number },
  event: AccountEvent,
): Promise<{ complete: boolean; latest: Read }> {
  let latest = created;
  for (let poll = 0; latest.evaluation.pending_signals.length > 0; poll++) {
    const left = waitMs - (performance.now() - startedAt);
    if (left < LAST_READ_MS) return { complete: false, latest };
    const gap = Math.min(
      POLL_GAPS_MS[Math.min(poll, POLL_GAPS_MS.length - 1)] ?? 0,
      left - LAST_READ_MS,
    );
    await new Promise((resolve) => setTimeout(resolve, gap));
    try {
      const read = parseAccountEvaluation(
        await retrieveAccountEvaluation(stripe, latest.evaluation.id, Math.ceil(left - gap)),
        event,
      );
      if (read.kind === "read") latest = read;
    } catch {
      // Skipped: see above.
    }
  }
  return { complete: true, latest };
}

/** Reads an evaluation as Stripe has it now. */
export function retrieveAccountEvaluation(
  stripe: Stripe,
  id: string,
  timeoutMs: number,
): Promise<unknown> {
  return stripe.rawRequest(
    "GET",
    `/v2/signals/account_evaluations/${encodeURIComponent(id)}`,
    undefined,
    { apiVersion: SIGNALS_API_VERSION, timeout: timeoutMs, maxNetworkRetries: 0 },
  );
}

/**
 * The v2 module. An evaluation answers asynchronously: created with its signal pending, then
 * waited for (see `waitForCompletion`); one still pending after `waitMs` is `pending`, which the
 * flow decides as a missing signal. The decision is reported as an Account Activity.
 */
export function accountEvaluationsApi(
  stripe: Stripe,
  { waitMs, timeoutMs }: { waitMs: number; timeoutMs: number },
): AccountAbuseApi {
  return {
    radarApi: "v2",
    async evaluate(request): Promise<AccountEvaluationResult> {
      const startedAt = performance.now();
      let response: unknown;
      try {
        response = await stripe.rawRequest(
          "POST",
          "/v2/signals/account_evaluations",
          accountEvaluationParams(request, new Date()),
          {
            apiVersion: SIGNALS_API_VERSION,
            idempotencyKey: request.idempotencyKey,
            maxNetworkRetries: 0,
            timeout: timeoutMs,
          },
        );
      } catch (error) {
        return failedEvaluation(error);
      }
      const created = parseAccountEvaluation(response, request.event);
      if (created.kind === "unreadable") {
        const id = (response as { id?: unknown } | null)?.id;
        return {
          kind: "unreadable",
          radarApi: "v2",
          apiVersion: SIGNALS_API_VERSION,
          id: typeof id === "string" && id.length > 0 ? id : null,
          raw: response,
          problem: created.problem,
        };
      }
      const { complete, latest } = await waitForCompletion(
        stripe,
        created,
        { waitMs, startedAt },
        request.event,
      );
      const evaluation = {
        radarApi: "v2" as const,
        apiVersion: SIGNALS_API_VERSION,
        id: latest.evaluation.id,
        customer: latest.evaluation.account_details?.customer ?? null,
        raw: latest.raw,
      };
      return complete
        ? { kind: "evaluated", evaluation, signal: latest.signal }
        : { kind: "pending", evaluation, reason: `evaluation not complete after ${waitMs} ms` };
    },

    async report(evaluation, outcome) {
      // The path is singular, as in the SDK and the API reference ("Create an Account Activity").
      await stripe.rawRequest(
        "POST",
        "/v2/signals/account_activity",
        accountActivityParams(evaluation, outcome),
        {
          apiVersion: SIGNALS_API_VERSION,
          // One key per evaluation and outcome: a report sent twice is replayed, not recorded twice.
          idempotencyKey: `activity-${evaluation.stripeId}-${outcome}`,
          timeout: timeoutMs,
        },
      );
    },
  };
}
