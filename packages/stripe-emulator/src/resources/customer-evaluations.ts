import {
  invalidRequest,
  parameterMissing,
  pathObjectMissing,
  resourceMissing,
} from "../http/errors.ts";
import { newId } from "../http/ids.ts";
import { asParams, type Fields, obj, type Params, str, validateFields } from "../http/params.ts";
import { type ApiRequest, ok, type Route } from "../http/route.ts";
import type { DeviceFacts, Identity } from "../risk/history.ts";
import type { Services } from "../services.ts";
import {
  type CustomerEvaluationRecord,
  customerEvaluationFacts,
  customerEvaluationJson,
  decodeCustomerEvaluation,
  encodeCustomerEvaluation,
  explainCustomerEvaluation,
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

function save(services: Services, record: CustomerEvaluationRecord): string {
  services.store.putJson(CUSTOMER_EVALUATION, record.id, encodeCustomerEvaluation(record));
  return customerEvaluationJson(record);
}

const createFields: Fields = {
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
          fields: { radar_session: { type: "string", required: true } },
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

const REPORT_TYPES = [
  "registration_success",
  "registration_failed",
  "login_success",
  "login_failed",
] as const;

const reportFields: Fields = {
  type: { type: "enum", values: REPORT_TYPES, required: true },
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
  expand: { type: "any" },
};

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
  const id = str(details, "radar_session") ?? "";
  const session = findRadarSession(services, id);
  if (!session) {
    throw resourceMissing(
      "radar session",
      id,
      contextParam(index, "[client_details][radar_session]"),
    );
  }
  context.radarSession = id;
  context.device = { device: session.device, ip: session.ip, timezone: session.timezone };
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
): CustomerEvaluationRecord {
  const id = newId("cuseval");
  const { customer, device, radarSession } = context;
  if (eventType === "registration") {
    return {
      id,
      created_at: request.now,
      customer,
      events: null,
      radar_session: radarSession,
      score: 0,
      risk_level: "normal",
      event_type: "registration",
      inputs: services.risk.registrationInputs(
        customer,
        device,
        identity ?? { email: null, phone: null },
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
    score: 0,
    risk_level: "normal",
    event_type: "login",
    inputs: services.risk.loginInputs(customer, device, request.now),
  };
}

function createEvaluation(services: Services, request: ApiRequest): string {
  const params = validateFields(request.form, createFields);
  const eventType = str(params, "event_type") === "login" ? "login" : "registration";
  const context = readContext(services, params);
  let identity = context.customer ? services.risk.identityOf(context.customer) : undefined;
  if (!context.customer && context.customerData) {
    const created = createCustomer(services, request, {
      email: str(context.customerData, "email"),
      name: str(context.customerData, "name"),
      phone: str(context.customerData, "phone"),
    });
    context.customer = created.id;
    identity = services.risk.identityOf(created.id);
  }
  const record = newRecord(services, request, eventType, context, identity);
  const { score, risk_level } = explainCustomerEvaluation(record);
  record.score = score;
  record.risk_level = risk_level;
  services.risk.recordCustomerEvaluation(customerEvaluationFacts(record, context.device));
  return save(services, record);
}

function report(services: Services, request: ApiRequest): string {
  const evaluation = load(services, request.pathParams.id ?? "");
  const params = validateFields(request.form, reportFields);
  const type = str(params, "type") ?? "";
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
  if (customer) {
    requireCustomer(services, customer, "registration_success[customer]");
    if (evaluation.customer && evaluation.customer !== customer) {
      throw invalidRequest(
        `This customer evaluation is already associated with customer '${evaluation.customer}'.`,
        undefined,
        "registration_success[customer]",
      );
    }
    evaluation.customer = customer;
  }
  events.push({
    type,
    occurred_at: request.now,
    login_failed: type === "login_failed" ? { reason: str(failed, "reason") ?? "other" } : null,
    registration_failed:
      type === "registration_failed" ? { reason: str(failed, "reason") ?? "other" } : null,
  });
  evaluation.events = events;
  return save(services, evaluation);
}

export function customerEvaluationRoutes(services: Services): Route[] {
  return [
    {
      method: "POST",
      path: "/v1/radar/customer_evaluations",
      handler: (request) => ok(createEvaluation(services, request)),
    },
    {
      method: "GET",
      path: "/v1/radar/customer_evaluations/:id",
      handler: (request) => {
        validateFields(request.form, { expand: { type: "any" } });
        const record = load(services, request.pathParams.id ?? "");
        return ok(customerEvaluationJson(record));
      },
    },
    {
      method: "POST",
      path: "/v1/radar/customer_evaluations/:id/report",
      handler: (request) => ok(report(services, request)),
    },
  ];
}
