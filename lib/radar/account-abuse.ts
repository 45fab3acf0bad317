import type { RiskLevel } from "@/lib/radar/signals";

/**
 * Radar's account-abuse API comes in two generations: v1 Customer Evaluations
 * (`/v1/radar/customer_evaluations`, private preview) and v2 Account Evaluations
 * (`/v2/signals/account_evaluations`, public preview). The flows, the policy and the pages speak
 * only the words below; one module per generation translates them (`RADAR_API` picks it).
 */
export type RadarApi = "v1" | "v2";

/** The evaluated flows. A new one (password reset, payout change) is one more word here. */
export type AccountEvent = "registration" | "login";

/** The signal each generation returns for each flow, in Stripe's own name. */
export type AccountSignalName =
  | "multi_accounting"
  | "account_sharing"
  | "user_multi_accounting"
  | "user_account_sharing";

/** The signal each generation scores each flow on (also saved when the evaluation has none). */
export const SIGNAL_NAMES: Record<RadarApi, Record<AccountEvent, AccountSignalName>> = {
  v1: { registration: "multi_accounting", login: "account_sharing" },
  v2: { registration: "user_multi_accounting", login: "user_account_sharing" },
};

/** What the server knows of the client: the Radar Session, or else the raw request data. */
export type ClientDetails = {
  /** From Stripe.js; undefined when the browser made none (or it was stripped). */
  radarSession: string | undefined;
  /** Sent as `client_details.data` only when there is no Radar Session. */
  ip: string;
  userAgent: string | undefined;
  referrer: string | undefined;
};

export type AccountEvaluationRequest = {
  event: AccountEvent;
  /** The Stripe Customer evaluated. */
  customer: string;
  client: ClientDetails;
  /** The same submission sent twice must be the same evaluation. */
  idempotencyKey: string;
};

export type AccountSignal = {
  name: AccountSignalName;
  /** 0-100; null when Stripe sent none. */
  score: number | null;
  /** A level Stripe adds later is read as `unknown`. */
  riskLevel: RiskLevel | null;
};

/** An evaluation Stripe made, as the app keeps it: which generation and version answered. */
export type AccountEvaluation = {
  radarApi: RadarApi;
  apiVersion: string;
  /** Stripe's ID, whatever its prefix. */
  id: string;
  customer: string | null;
  /** Stripe's object, exactly as received. */
  raw: unknown;
};

export type AccountEvaluationResult =
  /** Stripe answered; `signal` is null when the answer carried none. */
  | { kind: "evaluated"; evaluation: AccountEvaluation; signal: AccountSignal | null }
  /** Stripe made the evaluation but its signal was not ready in time (v2 is asynchronous). */
  | { kind: "pending"; evaluation: AccountEvaluation; reason: string }
  /**
   * Stripe answered 2xx with a body the app cannot read. Kept whole and decided by the
   * configured policy for unreadable responses (review by default): never a silent allow.
   */
  | {
      kind: "unreadable";
      radarApi: RadarApi;
      apiVersion: string;
      /** The body's `id` when it has a string one, so the outcome can still be reported. */
      id: string | null;
      raw: unknown;
      problem: string;
    }
  /** An outage (time-out, network error, 5xx, 429, preview not enabled): the flow fails open. */
  | { kind: "unavailable"; reason: string }
  /**
   * Stripe refused what the app sent (a 4xx other than an outage): bad input or a bug. Never an
   * allow; `param` is Stripe's name of the parameter at fault, when it gave one.
   */
  | { kind: "refused"; reason: string; param: string | null }
  /** Stripe does not know the Radar Session: answered as if there were none. */
  | { kind: "invalid_radar_session"; reason: string };

/**
 * How the flow ended, in the app's words. Each generation words it for Stripe: `status`
 * allowed / restricted / blocked, or the seeds' `type` with a reason.
 */
export type AccountOutcome =
  /** The person got in. */
  | "allowed"
  /** The person got in, with the account held for review. */
  | "restricted"
  /** The policy refused the person on Radar's signal. */
  | "blocked"
  /** The app refused the person for a reason of its own: a wrong password, a taken email. */
  | "refused";

/**
 * The `status` an outcome is reported with (v1's current preview versions and v2 alike): what the
 * app did with the person. An app's own refusal (a wrong password, a taken email) kept them out
 * too, so it is `blocked`.
 */
export const OUTCOME_STATUS: Record<AccountOutcome, "allowed" | "restricted" | "blocked"> = {
  allowed: "allowed",
  restricted: "restricted",
  blocked: "blocked",
  refused: "blocked",
};

/** A saved evaluation whose outcome is reported: the generation that made it answers it. */
export type ReportedEvaluation = {
  radarApi: RadarApi;
  /** The Stripe-Version the evaluation was made with; reports are sent with the same. */
  apiVersion: string | null;
  stripeId: string;
  eventType: AccountEvent;
  stripeCustomerId: string | null;
};

/** What one generation's module implements. */
export type AccountAbuseApi = {
  readonly radarApi: RadarApi;
  /** Never throws: every failure is one of the result kinds. */
  evaluate(request: AccountEvaluationRequest): Promise<AccountEvaluationResult>;
  /**
   * Reports the outcome (the request inspector keeps Stripe's answer). Throws Stripe's error on
   * failure: the caller keeps the report and sends it again, with the same idempotency key.
   */
  report(evaluation: ReportedEvaluation, outcome: AccountOutcome): Promise<void>;
};
