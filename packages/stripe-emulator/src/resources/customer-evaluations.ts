import {
  invalidRequest,
  parameterMissing,
  pathObjectMissing,
  resourceMissing,
} from "../http/errors.ts";
import { newId } from "../http/ids.ts";
import { asParams, type Fields, obj, type Params, str, validateFields } from "../http/params.ts";
import { type ApiRequest, ok, type Route } from "../http/route.ts";
import { versionBefore } from "../http/versions.ts";
import type { DeviceFacts, Identity } from "../risk/history.ts";
import { normalizeEmail, normalizePhone } from "../risk/normalize.ts";
import type { Services } from "../services.ts";
import { clientDevice } from "./client-device.ts";
import {
  type CustomerEvaluationRecord,
  customerEvaluationFacts,
  customerEvaluationJson,
  decodeCustomerEvaluation,
  encodeCustomerEvaluation,
  explainCustomerEvaluation,
  type ReportStatus,
} from "./customer-evaluation-record.ts";
import { createCustomer, requireCustomer, storedCustomerId } from "./customers.ts";
import { findRadarSession } from "./radar-sessions.ts";

export const CUSTOMER_EVALUATION = "radar.customer_evaluation";

export function findCustomerEvaluation(
  services: Services,
  id: string,
): CustomerEvaluationRecord | undefined {
  const entry = services.store.getOf(CUSTOMER_EVALUATION, id);
  return entry ? decodeCustomerEvaluation(entry.json) : undefined;
}

function save(services: Services, record: CustomerEvaluationRecord, withStatus: boolean): string {
  services.store.putJson(CUSTOMER_EVALUATION, record.id, encodeCustomerEvaluation(record));
  return customerEvaluationJson(record, withStatus);
}

/**
 * The generations of the preview, by the Stripe-Version the caller sends (dates of the
 * versions stripe-node's private-preview releases pinned when each change shipped; see the
 * README): the report took `type` until 2026-04-22.preview, `type` or `status` (and
 * `customer`) from then, only `status` from 2026-05-27.preview; `client_details.data` came
 * with 2026-06-10.preview.
 */
export const CUSTOMER_EVALUATIONS_SINCE = "2026-03-04";
const STATUS_SINCE = "2026-04-22";
const TYPE_REMOVED_ON = "2026-05-27";
const CLIENT_DATA_SINCE = "2026-06-10";

/** Whether the caller's version has `status` on the report and the object. */
export function hasReportStatus(apiVersion: string): boolean {
  return !versionBefore(apiVersion, STATUS_SINCE);
}

const clientDataFields: Fields = {
  ip: { type: "string", required: true, maxLength: 100 },
  user_agent: { type: "string", maxLength: 1000 },
  referrer: { type: "string", maxLength: 2000 },
};

function createFieldsOf(withData: boolean): Fields {
  return {
    event_type: { type: "enum", values: ["login", "registration"], required: true },
    evaluation_context: {
      type: "array",
      required: true,
      items: {
        type: "object",
        fields: {
          type: { type: "enum", values: ["client_details", "customer_details"], required: true },
          client_details: {
            type: "object",
            fields: withData
              ? {
                  radar_session: { type: "string" },
                  data: { type: "object", fields: clientDataFields },
                }
              : { radar_session: { type: "string", required: true } },
          },
          customer_details: {
            type: "object",
            fields: {
              customer: { type: "string" },
              customer_data: {
                type: "object",
                fields: {
                  email: { type: "string", maxLength: 512 },
                  name: { type: "string", maxLength: 256 },
                  phone: { type: "string", maxLength: 20 },
                },
              },
            },
          },
        },
      },
    },
    expand: { type: "any" },
  };
}

const CREATE_FIELDS = createFieldsOf(false);
const CREATE_FIELDS_WITH_DATA = createFieldsOf(true);

function createFields(apiVersion: string): Fields {
  return versionBefore(apiVersion, CLIENT_DATA_SINCE) ? CREATE_FIELDS : CREATE_FIELDS_WITH_DATA;
}

const REPORT_TYPES = [
  "registration_success",
  "registration_failed",
  "login_success",
  "login_failed",
] as const;

const REPORT_STATUSES = ["allowed", "blocked", "restricted"] as const;

const typeReportFields: Fields = {
  type: { type: "enum", values: REPORT_TYPES },
  login_failed: {
    type: "object",
    fields: {
      reason: { type: "enum", values: ["other", "suspected_account_sharing"], required: true },
    },
  },
  registration_failed: {
    type: "object",
    fields: {
      reason: { type: "enum", values: ["other", "suspected_multi_accounting"], required: true },
    },
  },
  registration_success: { type: "object", fields: { customer: { type: "string" } } },
  login_success: { type: "object", fields: {} },
};

const statusReportFields: Fields = {
  status: { type: "enum", values: REPORT_STATUSES },
  customer: { type: "string" },
};

const TYPE_REPORT_FIELDS: Fields = {
  ...typeReportFields,
  type: { type: "enum", values: REPORT_TYPES, required: true },
  expand: { type: "any" },
};
const TYPE_OR_STATUS_REPORT_FIELDS: Fields = {
  ...typeReportFields,
  ...statusReportFields,
  expand: { type: "any" },
};
const STATUS_REPORT_FIELDS: Fields = { ...statusReportFields, expand: { type: "any" } };

function reportFields(apiVersion: string): Fields {
  if (!hasReportStatus(apiVersion)) return TYPE_REPORT_FIELDS;
  if (versionBefore(apiVersion, TYPE_REMOVED_ON)) return TYPE_OR_STATUS_REPORT_FIELDS;
  return STATUS_REPORT_FIELDS;
}

interface Context {
  radarSession: string | null;
  device: DeviceFacts | null;
  customer: string | null;
  customerData: Params | undefined;
}

const DETAIL_TYPES = ["client_details", "customer_details"] as const;

/** `evaluation_context[i][...]`, named only when an error needs it. */
function contextParam(index: number, rest: string): string {
  return `evaluation_context[${index}]${rest}`;
}

function readContext(services: Services, params: Params): Context {
  const context: Context = {
    radarSession: null,
    device: null,
    customer: null,
    customerData: undefined,
  };
  const entries = Array.isArray(params.evaluation_context) ? params.evaluation_context : [];
  if (entries.length === 0) throw parameterMissing("evaluation_context");
  for (let index = 0; index < entries.length; index++) {
    const entry = asParams(entries[index]);
    const type = str(entry, "type");
    const details = obj(entry, type ?? "");
    if (!details) throw parameterMissing(contextParam(index, `[${type}]`));
    for (const other of DETAIL_TYPES) {
      if (other !== type && entry?.[other] !== undefined) {
        throw invalidRequest(
          `${contextParam(index, `[${other}]`)} cannot be set when ${contextParam(index, "[type]")} is ${type}.`,
          "parameter_unknown",
          contextParam(index, `[${other}]`),
        );
      }
    }
    if (type === "client_details") readClientDetails(services, context, details, index);
    else readCustomerDetails(services, context, details, index);
  }
  return context;
}

function readClientDetails(
  services: Services,
  context: Context,
  details: Params,
  index: number,
): void {
  const radarSession = str(details, "radar_session");
  const data = obj(details, "data");
  if (!radarSession && !data) {
    throw parameterMissing(contextParam(index, "[client_details][radar_session]"));
  }
  const found = clientDevice(
    services,
    radarSession,
    data && { ip: str(data, "ip") ?? "", user_agent: str(data, "user_agent") },
  );
  if (!found) {
    throw resourceMissing(
      "radar session",
      radarSession ?? "",
      contextParam(index, "[client_details][radar_session]"),
    );
  }
  context.radarSession = found.radarSession;
  context.device = found.device;
}

function readCustomerDetails(
  services: Services,
  context: Context,
  details: Params,
  index: number,
): void {
  const customer = str(details, "customer");
  const customerData = obj(details, "customer_data");
  if (customer && customerData) {
    throw invalidRequest(
      `You may only specify one of these parameters: ${contextParam(index, "[customer_details][customer]")}, ${contextParam(index, "[customer_details][customer_data]")}.`,
      "parameters_exclusive",
      contextParam(index, "[customer_details][customer_data]"),
    );
  }
  if (customer) {
    const stored = storedCustomerId(services, customer);
    if (!stored) {
      throw resourceMissing(
        "customer",
        customer,
        contextParam(index, "[customer_details][customer]"),
      );
    }
    context.customer = stored;
  }
  context.customerData = customerData;
}

function load(services: Services, id: string): CustomerEvaluationRecord {
  const record = findCustomerEvaluation(services, id);
  if (!record) throw pathObjectMissing("customer evaluation", id);
  return record;
}

/** Normalised email and phone of inline customer data (an entity-less registration's identity). */
function inlineIdentity(customerData: Params): Identity {
  const email = str(customerData, "email");
  const phone = str(customerData, "phone");
  return {
    email: email ? normalizeEmail(email) : null,
    phone: phone ? normalizePhone(phone) : null,
  };
}

/**
 * One object literal per event type: spreading a shared base into the record made V8 build a
 * slow (dictionary-mode) object, and every later read of it paid for that.
 */
function newRecord(
  services: Services,
  request: ApiRequest,
  eventType: "registration" | "login",
  context: Context,
  identity: Identity | undefined,
  inline: Identity | null,
): CustomerEvaluationRecord {
  const id = newId("cuseval");
  const { customer, device, radarSession } = context;
  const clientDevice = device?.clientData ? device : null;
  if (eventType === "registration") {
    return {
      id,
      created_at: request.now,
      customer,
      events: null,
      radar_session: radarSession,
      status: null,
      client_device: clientDevice,
      identity: inline,
      score: 0,
      risk_level: "normal",
      event_type: "registration",
      inputs: services.risk.registrationInputs(
        customer,
        device,
        identity ?? inline ?? { email: null, phone: null },
        request.now,
      ),
    };
  }
  return {
    id,
    created_at: request.now,
    customer,
    events: null,
    radar_session: radarSession,
    status: null,
    client_device: clientDevice,
    identity: null,
    score: 0,
    risk_level: "normal",
    event_type: "login",
    inputs: services.risk.loginInputs(customer, device, request.now),
  };
}

/**
 * Inline customer data makes a Customer on the seeds' version (Stripe's guide: "Stripe creates
 * a new Customer object using customer_data"). From the generation whose report attaches a
 * customer "to an entity-less registration evaluation", the evaluation stays without one and
 * the data is only scored (and indexed, so a second sign-up with the same email is seen).
 */
function createEvaluation(services: Services, request: ApiRequest): string {
  const withStatus = hasReportStatus(request.apiVersion);
  const params = validateFields(request.form, createFields(request.apiVersion));
  const eventType = str(params, "event_type") === "login" ? "login" : "registration";
  const context = readContext(services, params);
  let identity = context.customer ? services.risk.identityOf(context.customer) : undefined;
  let inline: Identity | null = null;
  if (!context.customer && context.customerData) {
    if (withStatus) {
      if (eventType === "registration") inline = inlineIdentity(context.customerData);
    } else {
      const created = createCustomer(services, request, {
        email: str(context.customerData, "email"),
        name: str(context.customerData, "name"),
        phone: str(context.customerData, "phone"),
      });
      context.customer = created.id;
      identity = services.risk.identityOf(created.id);
    }
  }
  const record = newRecord(services, request, eventType, context, identity, inline);
  const { score, risk_level } = explainCustomerEvaluation(record);
  record.score = score;
  record.risk_level = risk_level;
  services.risk.recordCustomerEvaluation(customerEvaluationFacts(record, context.device));
  if (inline) services.risk.recordCustomer(record.id, inline.email, inline.phone);
  return save(services, record, withStatus);
}

/** A device for the facts of a stored evaluation: its Radar Session's, or its client data's. */
function deviceOf(services: Services, record: CustomerEvaluationRecord): DeviceFacts | null {
  if (record.client_device) return record.client_device;
  const session = record.radar_session ? findRadarSession(services, record.radar_session) : null;
  return session ? { device: session.device, ip: session.ip, timezone: session.timezone } : null;
}

/**
 * Attaches a customer to a registration evaluated without one (report `customer`, or the seeds'
 * `registration_success[customer]`); the risk model then counts it as that customer's.
 */
function attachCustomer(
  services: Services,
  evaluation: CustomerEvaluationRecord,
  customer: string,
  param: string,
): void {
  requireCustomer(services, customer, param);
  if (evaluation.customer === customer) return;
  if (evaluation.customer) {
    throw invalidRequest(
      `This customer evaluation is already associated with customer '${evaluation.customer}'.`,
      undefined,
      param,
    );
  }
  if (evaluation.event_type !== "registration") {
    throw invalidRequest(
      "A customer can be attached only to a registration evaluation.",
      undefined,
      param,
    );
  }
  const facts = customerEvaluationFacts(evaluation, deviceOf(services, evaluation));
  services.risk.attachCustomer(facts, customer);
  evaluation.customer = customer;
  evaluation.identity = null;
}

/** The status a `type` report amounts to, so both generations read the same outcome. */
const STATUS_OF_TYPE: Record<(typeof REPORT_TYPES)[number], ReportStatus> = {
  registration_success: "allowed",
  registration_failed: "blocked",
  login_success: "allowed",
  login_failed: "blocked",
};

function reportType(
  services: Services,
  request: ApiRequest,
  evaluation: CustomerEvaluationRecord,
  params: Params,
  type: (typeof REPORT_TYPES)[number],
): void {
  const [kind, result] = type.split("_") as [string, string];
  if (kind !== evaluation.event_type) {
    throw invalidRequest(
      `Cannot report ${type} on a customer evaluation with event_type ${evaluation.event_type}.`,
      undefined,
      "type",
    );
  }
  for (const other of REPORT_TYPES) {
    if (other !== type && params[other] !== undefined) {
      throw invalidRequest(
        `${other} cannot be set when type is ${type}.`,
        "parameter_unknown",
        other,
      );
    }
  }
  const events = evaluation.events ?? [];
  if (result === "success" && events.some((event) => event.type === type)) {
    throw invalidRequest(
      `This customer evaluation already has a ${type} event; a success can only be reported once.`,
      undefined,
      "type",
    );
  }
  const failed = obj(params, type);
  if (result === "failed" && !failed) throw parameterMissing(`${type}[reason]`);
  const customer = str(obj(params, "registration_success"), "customer");
  if (customer) attachCustomer(services, evaluation, customer, "registration_success[customer]");
  events.push({
    type,
    occurred_at: request.now,
    login_failed: type === "login_failed" ? { reason: str(failed, "reason") ?? "other" } : null,
    registration_failed:
      type === "registration_failed" ? { reason: str(failed, "reason") ?? "other" } : null,
  });
  evaluation.events = events;
  evaluation.status = STATUS_OF_TYPE[type];
}

/**
 * A `status` report. Stripe's reference shows a report appending to `events[]`; for a status
 * the event's `type` is the status (an assumption: no published example shows one).
 */
export function reportStatus(
  evaluation: CustomerEvaluationRecord,
  status: ReportStatus,
  now: number,
  param: string,
): void {
  if (evaluation.status !== null) {
    throw invalidRequest(
      `This customer evaluation already has the outcome ${evaluation.status}; an outcome can only be reported once.`,
      undefined,
      param,
    );
  }
  const events = evaluation.events ?? [];
  events.push({ type: status, occurred_at: now, login_failed: null, registration_failed: null });
  evaluation.events = events;
  evaluation.status = status;
}

function report(services: Services, request: ApiRequest): string {
  const evaluation = load(services, request.pathParams.id ?? "");
  const params = validateFields(request.form, reportFields(request.apiVersion));
  const type = str(params, "type") as (typeof REPORT_TYPES)[number] | undefined;
  const status = str(params, "status") as ReportStatus | undefined;
  const customer = str(params, "customer");
  if (type && (status || customer)) {
    throw invalidRequest(
      `You may only specify one of these parameters: type, ${status ? "status" : "customer"}.`,
      "parameters_exclusive",
      status ? "status" : "customer",
    );
  }
  if (type) {
    reportType(services, request, evaluation, params, type);
  } else {
    if (!status && !customer) throw parameterMissing("status");
    if (customer) attachCustomer(services, evaluation, customer, "customer");
    if (status) reportStatus(evaluation, status, request.now, "status");
  }
  return save(services, evaluation, hasReportStatus(request.apiVersion));
}

export function customerEvaluationRoutes(services: Services): Route[] {
  return [
    {
      method: "POST",
      path: "/v1/radar/customer_evaluations",
      preview: CUSTOMER_EVALUATIONS_SINCE,
      handler: (request) => ok(createEvaluation(services, request)),
    },
    {
      method: "GET",
      path: "/v1/radar/customer_evaluations/:id",
      preview: CUSTOMER_EVALUATIONS_SINCE,
      handler: (request) => {
        validateFields(request.form, { expand: { type: "any" } });
        const record = load(services, request.pathParams.id ?? "");
        return ok(customerEvaluationJson(record, hasReportStatus(request.apiVersion)));
      },
    },
    {
      method: "POST",
      path: "/v1/radar/customer_evaluations/:id/report",
      preview: CUSTOMER_EVALUATIONS_SINCE,
      handler: (request) => ok(report(services, request)),
    },
  ];
}
