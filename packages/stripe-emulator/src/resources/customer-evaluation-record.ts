import type { Assessment, RiskLevel } from "../risk/bands.ts";
import type { CustomerEvaluationFacts, DeviceFacts, Identity } from "../risk/history.ts";
import {
  type LoginInputs,
  type RegistrationInputs,
  scoreLogin,
  scoreRegistration,
} from "../risk/scoring.ts";

export interface CustomerEvaluationEvent {
  type: string;
  occurred_at: number;
  login_failed: { reason: string } | null;
  registration_failed: { reason: string } | null;
}

/** The outcome reported with `status` (current preview versions). */
export type ReportStatus = "allowed" | "blocked" | "restricted";

interface Signal {
  score: number;
  evaluated_at: number;
  risk_level: RiskLevel;
}

export interface CustomerEvaluation {
  id: string;
  object: "radar.customer_evaluation";
  event_type: "registration" | "login";
  livemode: false;
  created_at: number;
  customer: string | null;
  events: CustomerEvaluationEvent[] | null;
  signals: { multi_accounting?: Signal; account_sharing?: Signal };
  /** Only for callers on a version that has it. */
  status?: ReportStatus | null;
}

/** Everything the emulator knows about one customer evaluation. */
export type CustomerEvaluationRecord = {
  id: string;
  created_at: number;
  customer: string | null;
  score: number;
  risk_level: RiskLevel;
  events: CustomerEvaluationEvent[] | null;
  radar_session: string | null;
  status: ReportStatus | null;
  /** The device when it came from `client_details.data` (no Radar Session to look it up by). */
  client_device: DeviceFacts | null;
  /** A registration evaluated from inline customer data, no customer: that data, normalised. */
  identity: Identity | null;
} & (
  | { event_type: "registration"; inputs: RegistrationInputs }
  | { event_type: "login"; inputs: LoginInputs }
);

type EncodedEvent = [string, number, string | null];

/**
 * Customer evaluations are the high-volume object, so each is kept (in memory and on disk) as a
 * short JSON array instead of its API JSON plus a metadata object: about a third of the size.
 * The API object and the risk explanation are derived from it when asked for
 * (bench/compare.ts measures it against storing `JSON.stringify(record)`).
 */
function encodeInputs(record: CustomerEvaluationRecord): string {
  if (record.event_type === "registration") {
    const r = record.inputs;
    return `[${r.deviceAssessed ? 1 : 0},${r.otherCustomersOnDevice},${r.otherCustomersOnIpOnly},${r.sameEmailCustomers},${r.samePhoneCustomers},${r.windowHours},${r.deviceFromClientData ? 1 : 0}]`;
  }
  const l = record.inputs;
  return `[${l.deviceAssessed ? 1 : 0},${l.distinctDevices},${l.newLocation ? 1 : 0},${l.hasCustomer ? 1 : 0},${l.windowHours},${l.deviceFromClientData ? 1 : 0}]`;
}

const jsonOrNull = (value: string | null): string =>
  value === null ? "null" : JSON.stringify(value);

export function encodeCustomerEvaluation(record: CustomerEvaluationRecord): string {
  const events: EncodedEvent[] | null =
    record.events?.map((event) => [
      event.type,
      event.occurred_at,
      event.login_failed?.reason ?? event.registration_failed?.reason ?? null,
    ]) ?? null;
  const kind = record.event_type === "registration" ? "r" : "l";
  const head = `[${JSON.stringify(record.id)},"${kind}",${record.created_at},${jsonOrNull(record.customer)},${record.score},"${record.risk_level}",${JSON.stringify(events)},${jsonOrNull(record.radar_session)},${encodeInputs(record)}`;
  const { status, client_device: device, identity } = record;
  // The fields of the newer report generation are written only when set.
  if (status === null && device === null && identity === null) return `${head}]`;
  const encodedDevice = device ? [device.device, device.ip] : null;
  const encodedIdentity = identity ? [identity.email, identity.phone] : null;
  return `${head},${jsonOrNull(status)},${JSON.stringify(encodedDevice)},${JSON.stringify(encodedIdentity)}]`;
}

type Encoded = [
  string,
  "r" | "l",
  number,
  string | null,
  number,
  RiskLevel,
  EncodedEvent[] | null,
  string | null,
  number[],
  (ReportStatus | null)?,
  ([string, string] | null)?,
  ([string | null, string | null] | null)?,
];

export function decodeCustomerEvaluation(text: string): CustomerEvaluationRecord {
  const [id, kind, created_at, customer, score, risk_level, events, radar_session, n, ...rest] =
    JSON.parse(text) as Encoded;
  const [status, device, identity] = rest;
  const base = {
    id,
    created_at,
    customer,
    score,
    risk_level,
    radar_session,
    status: status ?? null,
    client_device: device
      ? { device: device[0], ip: device[1], timezone: null, clientData: true as const }
      : null,
    identity: identity ? { email: identity[0], phone: identity[1] } : null,
    events:
      events?.map(([type, occurred_at, reason]) => ({
        type,
        occurred_at,
        login_failed: type === "login_failed" ? { reason: reason ?? "other" } : null,
        registration_failed: type === "registration_failed" ? { reason: reason ?? "other" } : null,
      })) ?? null,
  };
  const at = (index: number) => n[index] ?? 0;
  if (kind === "r") {
    return {
      ...base,
      event_type: "registration",
      inputs: {
        deviceAssessed: at(0) === 1,
        otherCustomersOnDevice: at(1),
        otherCustomersOnIpOnly: at(2),
        sameEmailCustomers: at(3),
        samePhoneCustomers: at(4),
        windowHours: at(5),
        deviceFromClientData: at(6) === 1,
      },
    };
  }
  return {
    ...base,
    event_type: "login",
    inputs: {
      deviceAssessed: at(0) === 1,
      distinctDevices: at(1),
      newLocation: at(2) === 1,
      hasCustomer: at(3) === 1,
      windowHours: at(4),
      deviceFromClientData: at(5) === 1,
    },
  };
}

/**
 * The API JSON, written directly (this is the hot path of the emulator's busiest endpoint).
 * `status` is part of the object from the report generation that has it on.
 */
export function customerEvaluationJson(
  record: CustomerEvaluationRecord,
  withStatus: boolean,
): string {
  const signal = record.event_type === "registration" ? "multi_accounting" : "account_sharing";
  const events = record.events === null ? "null" : JSON.stringify(record.events);
  const status = withStatus ? `,"status":${jsonOrNull(record.status)}` : "";
  return `{"id":${JSON.stringify(record.id)},"object":"radar.customer_evaluation","event_type":"${record.event_type}","livemode":false,"created_at":${record.created_at},"customer":${jsonOrNull(record.customer)},"events":${events},"signals":{"${signal}":{"score":${record.score},"evaluated_at":${record.created_at},"risk_level":"${record.risk_level}"}}${status}}`;
}

export function customerEvaluationObject(
  record: CustomerEvaluationRecord,
  withStatus: boolean,
): CustomerEvaluation {
  const signal: Signal = {
    score: record.score,
    evaluated_at: record.created_at,
    risk_level: record.risk_level,
  };
  return {
    id: record.id,
    object: "radar.customer_evaluation",
    event_type: record.event_type,
    livemode: false,
    created_at: record.created_at,
    customer: record.customer,
    events: record.events,
    signals:
      record.event_type === "registration"
        ? { multi_accounting: signal }
        : { account_sharing: signal },
    ...(withStatus ? { status: record.status } : {}),
  };
}

/** The risk model is a pure function of the recorded inputs: same inputs, same explanation. */
export function explainCustomerEvaluation(record: CustomerEvaluationRecord): Assessment {
  return record.event_type === "registration"
    ? scoreRegistration(record.inputs)
    : scoreLogin(record.inputs);
}

export function customerEvaluationFacts(
  record: CustomerEvaluationRecord,
  device: DeviceFacts | null,
): CustomerEvaluationFacts {
  return {
    event: record.event_type,
    customer: record.customer,
    subject: record.customer ?? record.id,
    device,
    at: record.created_at,
    level: record.risk_level,
  };
}
