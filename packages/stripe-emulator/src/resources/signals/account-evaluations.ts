import { invalidFields, invalidRequest } from "../../http/errors.ts";
import { newId } from "../../http/ids.ts";
import { validateJson } from "../../http/json-params.ts";
import { arr, type Fields, obj, str } from "../../http/params.ts";
import { type ApiRequest, ok, type Route } from "../../http/route.ts";
import type { Assessment, RiskLevel } from "../../risk/bands.ts";
import type { CustomerEvaluationFacts, DeviceFacts } from "../../risk/history.ts";
import {
  type LoginInputs,
  type RegistrationInputs,
  scoreLogin,
  scoreRegistration,
} from "../../risk/scoring.ts";
import type { Services } from "../../services.ts";
import type { ReportStatus } from "../customer-evaluation-record.ts";
import {
  type AccountActivityMeta,
  accountActivityRoutes,
  findAccountActivity,
  newAttempt,
  SIGNALS_SINCE,
  saveAccountActivity,
} from "./account-activities.ts";
import { ACCOUNT_SIGNAL, type AccountSignal, accountSignalRoutes } from "./account-signals.ts";
import type { SignalCompletions } from "./completions.ts";
import {
  type AccountDetails,
  accountDetailsFields,
  accountSubject,
  attemptFields,
  notFound,
  readAccountDetails,
  readTimestamp,
  requireVariant,
  resourceMissing,
} from "./fields.ts";

export const ACCOUNT_EVALUATION = "v2.signals.account_evaluation";
const SIGNALS = ["user_account_sharing", "user_multi_accounting"] as const;
type SignalName = (typeof SIGNALS)[number];

/**
 * One model, two wire formats: `user_multi_accounting` is the v1 registration score
 * (`multi_accounting`) and `user_account_sharing` the login score (`account_sharing`).
 */
type SignalResult =
  | {
      model: "registration";
      inputs: RegistrationInputs;
      score: number;
      risk_level: RiskLevel;
      signal: string;
    }
  | { model: "login"; inputs: LoginInputs; score: number; risk_level: RiskLevel; signal: string };

/** Everything the emulator keeps about one Account Evaluation. */
export interface AccountEvaluationRecord {
  id: string;
  created: string;
  /** Unix seconds, for the risk model. */
  at: number;
  account_details: AccountDetails;
  requested_signals: SignalName[];
  account_activity: string | null;
  /** The activity evaluated: a registration or a log-in attempt (log-in when none was sent). */
  event: "registration" | "login";
  device: DeviceFacts | null;
  /** A customer attached later by a registration decision, for inline account data. */
  attached_customer: string | null;
  results: Partial<Record<SignalName, SignalResult>>;
  /** Unix milliseconds when it completes; null while completions are held. */
  due_at: number | null;
  evaluated_at: string | null;
  status: ReportStatus | null;
}

const createFields: Fields = {
  account_details: { type: "object", required: true, fields: accountDetailsFields },
  requested_signals: { type: "array", required: true, items: { type: "enum", values: SIGNALS } },
  account_activity_details: {
    type: "object",
    fields: {
      account_activity: { type: "string" },
      data: {
        type: "object",
        fields: {
          type: {
            type: "enum",
            values: [
              "login_attempt",
              "login_decision",
              "registration_attempt",
              "registration_decision",
            ],
            required: true,
          },
          occurred_at: { type: "string" },
          registration_attempt: { type: "object", fields: attemptFields },
          login_attempt: { type: "object", fields: attemptFields },
        },
      },
    },
  },
};

export function findAccountEvaluation(
  services: Services,
  id: string,
): AccountEvaluationRecord | undefined {
  const entry = services.store.getOf(ACCOUNT_EVALUATION, id);
  return entry ? (JSON.parse(entry.json) as AccountEvaluationRecord) : undefined;
}

function save(services: Services, record: AccountEvaluationRecord): void {
  services.store.put(ACCOUNT_EVALUATION, record.id, record);
}

/** v2 risk levels have no `not_assessed`: nothing to assess is `unknown`, without a score. */
function signalJson(result: SignalResult, evaluatedAt: string) {
  if (result.risk_level === "not_assessed") {
    return { evaluated_at: evaluatedAt, risk_level: "unknown", signal: result.signal };
  }
  return {
    evaluated_at: evaluatedAt,
    risk_level: result.risk_level,
    score: result.score.toFixed(2),
    signal: result.signal,
  };
}

/** `V2.Signals.AccountEvaluation` of stripe@22.7.0-beta.1; absent optional fields are omitted. */
export function accountEvaluationJson(record: AccountEvaluationRecord): string {
  const evaluatedAt = record.evaluated_at;
  const evaluated: Record<string, unknown> = {};
  if (evaluatedAt) {
    for (const name of record.requested_signals) {
      const result = record.results[name];
      if (result) evaluated[name] = signalJson(result, evaluatedAt);
    }
  }
  return JSON.stringify({
    id: record.id,
    object: ACCOUNT_EVALUATION,
    ...(record.account_activity
      ? { account_activity_details: { account_activity: record.account_activity } }
      : {}),
    account_details: record.account_details,
    created: record.created,
    ...(evaluatedAt ? { evaluated_signals: evaluated } : {}),
    livemode: false,
    pending_signals: evaluatedAt ? [] : record.requested_signals,
    requested_signals: record.requested_signals,
  });
}

/** The risk model's explanation of each signal (for the control API's explain). */
export function explainAccountEvaluation(
  record: AccountEvaluationRecord,
): Partial<Record<SignalName, Assessment>> {
  const explained: Partial<Record<SignalName, Assessment>> = {};
  for (const [name, result] of Object.entries(record.results) as Array<
    [SignalName, SignalResult]
  >) {
    explained[name] =
      result.model === "registration"
        ? scoreRegistration(result.inputs)
        : scoreLogin(result.inputs);
  }
  return explained;
}

const LEVEL_ORDER: RiskLevel[] = ["not_assessed", "normal", "elevated", "highest"];

/** The facts the risk model files for an evaluation (its worst signal as the level). */
export function accountEvaluationFacts(record: AccountEvaluationRecord): CustomerEvaluationFacts {
  const customer = record.attached_customer ?? accountSubject(record.account_details);
  let level: RiskLevel = "not_assessed";
  for (const result of Object.values(record.results)) {
    if (result && LEVEL_ORDER.indexOf(result.risk_level) > LEVEL_ORDER.indexOf(level)) {
      level = result.risk_level;
    }
  }
  return {
    event: record.event,
    customer,
    subject: customer ?? record.id,
    device: record.device,
    at: record.at,
    level,
  };
}

/** The activity an evaluation is about: inline data (a new attempt) or an existing attempt. */
function readActivity(
  services: Services,
  request: ApiRequest,
  params: ReturnType<typeof validateJson>,
  accountDetails: AccountDetails,
  evaluationId: string,
): { id: string | null; event: "registration" | "login"; device: DeviceFacts | null; at: number } {
  const details = obj(params, "account_activity_details");
  if (!details) return { id: null, event: "login", device: null, at: request.now };
  const existing = str(details, "account_activity");
  const data = obj(details, "data");
  if (Boolean(existing) === Boolean(data)) {
    throw invalidFields(
      "account_activity_details must have exactly one of account_activity and data.",
    );
  }
  let found: { id: string; type: string; meta: AccountActivityMeta };
  if (existing) {
    const activity = findAccountActivity(services, existing);
    if (!activity) throw resourceMissing("account activity", existing);
    found = { id: existing, type: activity.activity.type, meta: activity.meta };
  } else {
    const type = str(data, "type") ?? "";
    if (type !== "registration_attempt" && type !== "login_attempt") {
      throw invalidFields(
        `Invalid account_activity_details.data.type: must be registration_attempt or login_attempt; got "${type}".`,
      );
    }
    const attempt = requireVariant(
      data ?? {},
      type,
      ["registration_attempt", "login_attempt"],
      "account_activity_details.data.",
    );
    const occurredAt = readTimestamp(
      str(data, "occurred_at"),
      "account_activity_details.data.occurred_at",
    );
    const { activity, meta } = newAttempt(
      services,
      request,
      type,
      attempt,
      accountDetails,
      occurredAt,
      evaluationId,
    );
    saveAccountActivity(services, activity, meta);
    found = { id: activity.id, type, meta };
  }
  if (found.type !== "registration_attempt" && found.type !== "login_attempt") {
    throw invalidFields(
      `account_activity_details.account_activity must be an attempt, not a ${found.type}.`,
    );
  }
  return {
    id: found.id,
    event: found.type === "registration_attempt" ? "registration" : "login",
    device: found.meta.device,
    at: found.meta.at,
  };
}

function createEvaluation(
  services: Services,
  completions: SignalCompletions,
  request: ApiRequest,
): string {
  const params = validateJson(request.jsonBody, createFields);
  const requested = (arr(params, "requested_signals") ?? []) as SignalName[];
  if (requested.length === 0)
    throw invalidFields("requested_signals must name at least one signal.");
  if (new Set(requested).size !== requested.length) {
    throw invalidFields("requested_signals must not name a signal twice.");
  }
  const accountDetails = readAccountDetails(
    services,
    obj(params, "account_details") ?? {},
    "account_details",
  );
  const id = newId("acctevl");
  const activity = readActivity(services, request, params, accountDetails, id);
  const customer = accountSubject(accountDetails);
  const identity = (customer && services.risk.identityOf(customer)) || { email: null, phone: null };
  const results: Partial<Record<SignalName, SignalResult>> = {};
  for (const name of requested) {
    const signal = newId("acctsig");
    if (name === "user_multi_accounting") {
      const inputs = services.risk.registrationInputs(
        customer,
        activity.device,
        identity,
        request.now,
      );
      const { score, risk_level } = scoreRegistration(inputs);
      results[name] = { model: "registration", inputs, signal, score, risk_level };
    } else {
      const inputs = services.risk.loginInputs(customer, activity.device, request.now);
      const { score, risk_level } = scoreLogin(inputs);
      results[name] = { model: "login", inputs, signal, score, risk_level };
    }
  }
  const dueAt = completions.dueAt(Date.now());
  const record: AccountEvaluationRecord = {
    id,
    created: new Date(request.now * 1000).toISOString(),
    at: request.now,
    account_details: accountDetails,
    requested_signals: requested,
    account_activity: activity.id,
    event: activity.event,
    device: activity.device,
    attached_customer: null,
    results,
    due_at: dueAt,
    evaluated_at: null,
    status: null,
  };
  services.risk.recordCustomerEvaluation(accountEvaluationFacts(record));
  save(services, record);
  if (dueAt !== null) completions.schedule(dueAt, () => complete(services, id));
  return accountEvaluationJson(record);
}

/**
 * Completes an evaluation: its signals become Account Signals and `evaluated_signals`, and
 * the thin event `v2.signals.account_evaluation.complete` is sent.
 */
function complete(services: Services, id: string): void {
  const record = findAccountEvaluation(services, id);
  if (!record || record.evaluated_at) return;
  record.evaluated_at = new Date().toISOString();
  record.due_at = null;
  const customer = record.attached_customer ?? record.account_details.customer;
  const account = record.account_details.account;
  for (const [name, result] of Object.entries(record.results) as Array<
    [SignalName, SignalResult]
  >) {
    const { score, risk_level: level } = result;
    const signal: AccountSignal = {
      id: result.signal,
      object: ACCOUNT_SIGNAL,
      ...(customer || account ? { account_details: customer ? { customer } : { account } } : {}),
      account_evaluation: id,
      created: record.evaluated_at,
      livemode: false,
      type: name,
      [name]:
        level === "not_assessed"
          ? { risk_level: "unknown" }
          : { risk_level: level, score: score.toFixed(2) },
    };
    services.store.put(ACCOUNT_SIGNAL, signal.id, signal);
  }
  save(services, record);
  services.events.publishThin("v2.signals.account_evaluation.complete", {
    id,
    type: ACCOUNT_EVALUATION,
    url: `/v2/signals/account_evaluations/${id}`,
  });
}

/** Schedules the evaluations a restart left pending (overdue ones complete at once). */
export function resumeAccountEvaluations(services: Services, completions: SignalCompletions): void {
  for (const entry of services.store.oldestFirst(ACCOUNT_EVALUATION)) {
    const record = JSON.parse(entry.json) as AccountEvaluationRecord;
    if (!record.evaluated_at && record.due_at !== null) {
      completions.schedule(record.due_at, () => complete(services, record.id));
    }
  }
}

/**
 * A decision activity reports the outcome, as v1's report does: the status (once) and, for a
 * registration evaluated from inline account data, the customer it became.
 */
function decide(
  services: Services,
  evaluationId: string,
  kind: "registration" | "login",
  status: ReportStatus,
  accountDetails: AccountDetails | undefined,
): void {
  const record = findAccountEvaluation(services, evaluationId);
  if (!record) throw resourceMissing("account evaluation", evaluationId);
  if (record.event !== kind) {
    throw invalidRequest(
      `A ${kind}_decision cannot report on an evaluation of a ${record.event} attempt.`,
    );
  }
  if (record.status !== null) {
    throw invalidRequest(
      `This account evaluation already has the decision ${record.status}; a decision can only be reported once.`,
    );
  }
  const customer = accountDetails?.customer;
  const evaluated = accountSubject(record.account_details);
  if (customer && customer !== evaluated) {
    if (evaluated || record.attached_customer || kind !== "registration") {
      throw invalidRequest(
        `account_details.customer '${customer}' is not the account this evaluation is about.`,
      );
    }
    services.risk.attachCustomer(accountEvaluationFacts(record), customer);
    record.attached_customer = customer;
  }
  record.status = status;
  save(services, record);
}

export function signalsRoutes(services: Services, completions: SignalCompletions): Route[] {
  return [
    {
      method: "POST",
      path: "/v2/signals/account_evaluations",
      preview: SIGNALS_SINCE,
      handler: (request) => ok(createEvaluation(services, completions, request)),
    },
    {
      method: "GET",
      path: "/v2/signals/account_evaluations/:id",
      preview: SIGNALS_SINCE,
      handler: (request) => {
        const id = request.pathParams.id ?? "";
        const record = findAccountEvaluation(services, id);
        if (!record) throw notFound("account evaluation", id);
        return ok(accountEvaluationJson(record));
      },
    },
    ...accountActivityRoutes(services, (evaluation, kind, status, details) =>
      decide(services, evaluation, kind, status, details),
    ),
    ...accountSignalRoutes(services),
  ];
}
