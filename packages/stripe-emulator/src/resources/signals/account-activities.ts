import { invalidFields } from "../../http/errors.ts";
import { newId } from "../../http/ids.ts";
import { validateJson } from "../../http/json-params.ts";
import { type Fields, obj, type Params, str } from "../../http/params.ts";
import { type ApiRequest, ok, type Route } from "../../http/route.ts";
import type { DeviceFacts } from "../../risk/history.ts";
import type { Services } from "../../services.ts";
import type { ReportStatus } from "../customer-evaluation-record.ts";
import {
  ACTIVITY_TYPES,
  type AccountDetails,
  type ActivityType,
  accountDetailsFields,
  accountSubject,
  attemptFields,
  notFound,
  readAccountDetails,
  readClientDetails,
  readTimestamp,
  requireVariant,
} from "./fields.ts";

export const ACCOUNT_ACTIVITY = "v2.signals.account_activity";
export const SIGNALS_SINCE = "2026-08-26";

/** `V2.Signals.AccountActivity` of stripe@22.7.0-beta.1; absent optional fields are omitted. */
export interface AccountActivity {
  id: string;
  object: "v2.signals.account_activity";
  account_details?: AccountDetails;
  account_evaluation?: string;
  created: string;
  livemode: false;
  occurred_at: string;
  type: ActivityType;
  registration_attempt?: Params;
  login_attempt?: Params;
  registration_decision?: { status: ReportStatus };
  login_decision?: { status: ReportStatus };
}

/** What the risk model needs of an attempt, kept beside the API object. */
export interface AccountActivityMeta {
  device: DeviceFacts | null;
  /** Unix seconds of `occurred_at`. */
  at: number;
}

const decisionFields: Fields = {
  status: { type: "enum", values: ["allowed", "blocked", "restricted"], required: true },
};

const createFields: Fields = {
  type: { type: "enum", values: ACTIVITY_TYPES, required: true },
  account_details: { type: "object", fields: accountDetailsFields },
  account_evaluation: { type: "string" },
  occurred_at: { type: "string" },
  registration_attempt: { type: "object", fields: attemptFields },
  login_attempt: { type: "object", fields: attemptFields },
  registration_decision: { type: "object", fields: decisionFields },
  login_decision: { type: "object", fields: decisionFields },
};

export function findAccountActivity(
  services: Services,
  id: string,
): { activity: AccountActivity; meta: AccountActivityMeta } | undefined {
  const entry = services.store.getOf(ACCOUNT_ACTIVITY, id);
  if (!entry?.meta) return undefined;
  return {
    activity: JSON.parse(entry.json) as AccountActivity,
    meta: JSON.parse(entry.meta) as AccountActivityMeta,
  };
}

/** The API object of a new activity; `occurred_at` defaults to when it was created. */
function activityObject(
  request: ApiRequest,
  type: ActivityType,
  variant: AccountActivity[ActivityType],
  accountDetails: AccountDetails | undefined,
  occurredAt: string | undefined,
  accountEvaluation: string | undefined,
): AccountActivity {
  const created = new Date(request.now * 1000).toISOString();
  return {
    id: newId("accact"),
    object: "v2.signals.account_activity",
    ...(accountDetails ? { account_details: accountDetails } : {}),
    ...(accountEvaluation ? { account_evaluation: accountEvaluation } : {}),
    created,
    livemode: false,
    occurred_at: occurredAt ?? created,
    type,
    [type]: variant,
  };
}

/** An attempt (registration or login): the client it came from, read into a device. */
export function newAttempt(
  services: Services,
  request: ApiRequest,
  type: "registration_attempt" | "login_attempt",
  attempt: Params,
  accountDetails: AccountDetails | undefined,
  occurredAt: string | undefined,
  accountEvaluation: string | undefined,
): { activity: AccountActivity; meta: AccountActivityMeta } {
  const clientDetails = obj(attempt, "client_details") ?? {};
  const { device } = readClientDetails(services, clientDetails, `${type}.client_details`);
  const activity = activityObject(
    request,
    type,
    attempt,
    accountDetails,
    occurredAt,
    accountEvaluation,
  );
  return { activity, meta: { device, at: Math.floor(Date.parse(activity.occurred_at) / 1000) } };
}

export function saveAccountActivity(
  services: Services,
  activity: AccountActivity,
  meta: AccountActivityMeta,
): string {
  return services.store.put(ACCOUNT_ACTIVITY, activity.id, activity, meta);
}

/** What a decision does to the evaluation it reports on (see account-evaluations.ts). */
export type DecisionHandler = (
  evaluation: string,
  kind: "registration" | "login",
  status: ReportStatus,
  accountDetails: AccountDetails | undefined,
) => void;

function createActivity(services: Services, request: ApiRequest, decide: DecisionHandler): string {
  const params = validateJson(request.jsonBody, createFields);
  const type = str(params, "type") as ActivityType;
  const variant = requireVariant(params, type, ACTIVITY_TYPES, "");
  const details = obj(params, "account_details");
  const accountDetails = details
    ? readAccountDetails(services, details, "account_details")
    : undefined;
  const occurredAt = readTimestamp(str(params, "occurred_at"), "occurred_at");
  const evaluation = str(params, "account_evaluation");
  if (type === "registration_attempt" || type === "login_attempt") {
    const { activity, meta } = newAttempt(
      services,
      request,
      type,
      variant,
      accountDetails,
      occurredAt,
      evaluation,
    );
    // An attempt reported on its own builds the account's history, as an evaluated one does.
    const subject = accountDetails ? accountSubject(accountDetails) : null;
    if (subject && meta.device && !evaluation) {
      services.risk.recordCustomerEvaluation({
        event: type === "registration_attempt" ? "registration" : "login",
        customer: subject,
        subject,
        device: meta.device,
        at: meta.at,
        level: "not_assessed",
      });
    }
    return saveAccountActivity(services, activity, meta);
  }
  const status = str(variant, "status") as ReportStatus;
  if (evaluation) {
    decide(
      evaluation,
      type === "registration_decision" ? "registration" : "login",
      status,
      accountDetails,
    );
  } else if (!accountDetails) {
    throw invalidFields(`A ${type} needs account_evaluation or account_details.`);
  }
  const activity = activityObject(
    request,
    type,
    { status },
    accountDetails,
    occurredAt,
    evaluation,
  );
  return saveAccountActivity(services, activity, { device: null, at: request.now });
}

export function accountActivityRoutes(services: Services, decide: DecisionHandler): Route[] {
  const load = (id: string) => {
    const entry = services.store.getOf(ACCOUNT_ACTIVITY, id);
    if (!entry) throw notFound("account activity", id);
    return entry;
  };
  return [
    {
      method: "POST",
      path: "/v2/signals/account_activity",
      preview: SIGNALS_SINCE,
      handler: (request) => ok(createActivity(services, request, decide)),
    },
    {
      method: "GET",
      path: "/v2/signals/account_activity/:id",
      preview: SIGNALS_SINCE,
      handler: (request) => ok(load(request.pathParams.id ?? "").json),
    },
    {
      method: "DELETE",
      path: "/v2/signals/account_activity/:id",
      preview: SIGNALS_SINCE,
      handler: (request) => {
        const id = request.pathParams.id ?? "";
        load(id);
        services.store.remove(id);
        return ok(JSON.stringify({ id, object: ACCOUNT_ACTIVITY }));
      },
    },
  ];
}
