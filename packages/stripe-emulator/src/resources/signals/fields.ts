import { invalidFields, StripeError } from "../../http/errors.ts";
import type { Fields, Params } from "../../http/params.ts";
import { obj, str } from "../../http/params.ts";
import type { DeviceFacts } from "../../risk/history.ts";
import type { Services } from "../../services.ts";
import { type ClientData, clientDevice } from "../client-device.ts";
import { storedCustomerId } from "../customers.ts";

/**
 * Field declarations of the v2 Signals API, transcribed from the public-preview SDK
 * `stripe@22.7.0-beta.1` (`V2.Signals.AccountEvaluationCreateParams`,
 * `V2.Signals.AccountActivityCreateParams`).
 */
export const accountDetailsFields: Fields = {
  account: { type: "string" },
  customer: { type: "string" },
  data: {
    type: "object",
    fields: {
      defaults: {
        type: "object",
        fields: {
          profile: {
            type: "object",
            required: true,
            fields: {
              business_url: { type: "string", required: true },
              doing_business_as: { type: "string" },
              product_description: { type: "string" },
            },
          },
        },
      },
    },
  },
};

export const clientDetailsFields: Fields = {
  radar_session: { type: "string" },
  data: {
    type: "object",
    fields: {
      ip: { type: "string", required: true, maxLength: 100 },
      user_agent: { type: "string", maxLength: 1000 },
      referrer: { type: "string", maxLength: 2000 },
    },
  },
};

export const ACTIVITY_TYPES = [
  "login_attempt",
  "login_decision",
  "registration_attempt",
  "registration_decision",
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const attemptFields: Fields = {
  client_details: { type: "object", required: true, fields: clientDetailsFields },
};

/** The account an activity or evaluation is about, as sent. */
export interface AccountDetails {
  account?: string;
  customer?: string;
  data?: Params;
}

export function resourceMissing(noun: string, id: string): StripeError {
  return new StripeError(400, {
    type: "invalid_request_error",
    code: "resource_missing",
    message: `No such ${noun}: '${id}'`,
  });
}

/** `account_details`: exactly one of `account`, `customer` (which must exist) and `data`. */
export function readAccountDetails(
  services: Services,
  details: Params,
  name: string,
): AccountDetails {
  const given = (["account", "customer", "data"] as const).filter(
    (key) => details[key] !== undefined,
  );
  if (given.length !== 1) {
    throw invalidFields(`${name} must have exactly one of account, customer and data.`);
  }
  const customer = str(details, "customer");
  if (customer && !storedCustomerId(services, customer))
    throw resourceMissing("customer", customer);
  const account = str(details, "account");
  const data = obj(details, "data");
  return {
    ...(account ? { account } : {}),
    ...(customer ? { customer } : {}),
    ...(data ? { data } : {}),
  };
}

/** Whom the risk model files the account under: its customer or v2 account, if any. */
export function accountSubject(details: AccountDetails): string | null {
  return details.customer ?? details.account ?? null;
}

/** `client_details`: a Radar Session, or the raw client data when there is none. */
export function readClientDetails(
  services: Services,
  details: Params,
  name: string,
): { radarSession: string | null; device: DeviceFacts | null } {
  const radarSession = str(details, "radar_session");
  const data = obj(details, "data");
  if (!radarSession && !data) throw invalidFields(`${name} needs radar_session or data.`);
  const clientData: ClientData | undefined = data && {
    ip: str(data, "ip") ?? "",
    user_agent: str(data, "user_agent"),
    referrer: str(data, "referrer"),
  };
  const found = clientDevice(services, radarSession, clientData);
  if (!found) throw resourceMissing("radar session", radarSession ?? "");
  return found;
}

/** An ISO-8601 timestamp field. */
export function readTimestamp(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time)) {
    throw invalidFields(
      `Invalid ${name}: expected an ISO 8601 timestamp, got ${JSON.stringify(value)}.`,
    );
  }
  return new Date(time).toISOString();
}

/** The one sub-object named by `type` is required; the others of `types` are refused. */
export function requireVariant(
  params: Params,
  type: string,
  types: readonly string[],
  prefix: string,
): Params {
  for (const other of types) {
    if (other !== type && params[other] !== undefined) {
      throw invalidFields(`${prefix}${other} cannot be set when ${prefix}type is ${type}.`);
    }
  }
  const variant = obj(params, type);
  if (!variant) throw invalidFields(`Missing required field: ${prefix}${type}.`);
  return variant;
}

export function notFound(noun: string, id: string): StripeError {
  return new StripeError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    message: `No such ${noun}: '${id}'`,
  });
}
