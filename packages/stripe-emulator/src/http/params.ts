import { invalidRequest, parameterMissing, parameterUnknown } from "./errors.ts";
import type { FormObject, FormValue } from "./form.ts";
import type { ApiRequest } from "./route.ts";

/** A validated parameter value: integers and booleans are converted from their form text. */
export type ParamValue = string | number | boolean | null | ParamValue[] | Params;
export interface Params {
  [key: string]: ParamValue | undefined;
}

export type Field =
  | { type: "string"; required?: boolean; maxLength?: number; emptyAllowed?: boolean }
  | { type: "integer"; required?: boolean; min?: number }
  | { type: "boolean"; required?: boolean }
  | { type: "enum"; required?: boolean; values: readonly string[] }
  | { type: "object"; required?: boolean; fields: Fields }
  | { type: "array"; required?: boolean; items: Field }
  /** Stripe metadata: string values, an empty string unsets. */
  | { type: "metadata"; required?: boolean }
  /** Accepted as sent (e.g. `expand`, which the server applies to the response). */
  | { type: "any"; required?: boolean };

export type Fields = Record<string, Field>;

function childName(prefix: string, key: string | number): string {
  return prefix ? `${prefix}[${key}]` : String(key);
}

function isObject(value: FormValue): value is { [key: string]: FormValue } {
  return typeof value === "object" && !Array.isArray(value);
}

function describeValue(value: FormValue): string {
  return typeof value === "string" ? value : Array.isArray(value) ? "array" : "object";
}

function validateValue(value: FormValue, field: Field, name: string): ParamValue {
  switch (field.type) {
    case "any":
      return value as ParamValue;
    case "string": {
      if (typeof value !== "string") {
        throw invalidRequest(
          `Invalid string: ${describeValue(value)}`,
          "parameter_invalid_string",
          name,
        );
      }
      if (value === "" && !field.emptyAllowed) {
        throw invalidRequest(
          `You passed an empty string for '${name}'. We assume empty values are an attempt to unset a parameter; however '${name}' cannot be unset. You should remove '${name}' from your request or supply a non-empty value.`,
          "parameter_invalid_empty",
          name,
        );
      }
      if (field.maxLength !== undefined && value.length > field.maxLength) {
        throw invalidRequest(
          `Invalid ${name}: must be at most ${field.maxLength} characters`,
          "parameter_invalid_string",
          name,
        );
      }
      return value;
    }
    case "integer": {
      if (typeof value !== "string" || !/^-?\d{1,15}$/.test(value)) {
        throw invalidRequest(
          `Invalid integer: ${describeValue(value)}`,
          "parameter_invalid_integer",
          name,
        );
      }
      const number = Number(value);
      if (field.min !== undefined && number < field.min) {
        throw invalidRequest(
          `Invalid integer: ${name} must be at least ${field.min}`,
          "parameter_invalid_integer",
          name,
        );
      }
      return number;
    }
    case "boolean": {
      if (value !== "true" && value !== "false") {
        throw invalidRequest(
          `Invalid boolean: ${describeValue(value)}`,
          "parameter_invalid_boolean",
          name,
        );
      }
      return value === "true";
    }
    case "enum": {
      if (typeof value !== "string" || !field.values.includes(value)) {
        throw invalidRequest(
          `Invalid ${name}: must be one of ${field.values.join(", ")}`,
          "parameter_invalid_string",
          name,
        );
      }
      return value;
    }
    case "metadata": {
      if (value === "") return {};
      if (!isObject(value)) {
        throw invalidRequest(`Invalid hash`, "parameter_invalid_hash", name);
      }
      const out: Params = {};
      for (const [key, entry] of Object.entries(value)) {
        if (typeof entry !== "string") {
          throw invalidRequest(
            `Invalid value for metadata key '${key}': must be a string`,
            "parameter_invalid_string",
            childName(name, key),
          );
        }
        if (key.length > 40) {
          throw invalidRequest(
            `Metadata keys can be at most 40 characters long (got '${key.slice(0, 50)}').`,
            "parameter_invalid_string",
            childName(name, key),
          );
        }
        if (entry.length > 500) {
          throw invalidRequest(
            `Metadata values can be at most 500 characters long (key '${key}').`,
            "parameter_invalid_string",
            childName(name, key),
          );
        }
        out[key] = entry;
      }
      if (Object.keys(out).length > 50) {
        throw invalidRequest("Metadata can have at most 50 keys.", "parameter_invalid_hash", name);
      }
      return out;
    }
    case "object": {
      if (!isObject(value)) {
        throw invalidRequest(`Invalid hash`, "parameter_invalid_hash", name);
      }
      return validateFields(value, field.fields, name);
    }
    case "array": {
      const items = Array.isArray(value) ? value : null;
      if (!items) {
        throw invalidRequest(`Invalid array`, "parameter_invalid_array", name);
      }
      return items.map((item, index) => validateValue(item, field.items, childName(name, index)));
    }
  }
}

const NONE: ReadonlySet<string> = new Set();

const requiredKeyCache = new WeakMap<Fields, string[]>();

function requiredKeys(fields: Fields): string[] {
  let keys = requiredKeyCache.get(fields);
  if (!keys) {
    keys = Object.keys(fields).filter((key) => fields[key]?.required);
    requiredKeyCache.set(fields, keys);
  }
  return keys;
}

/**
 * Validates a decoded form against a field table: unknown keys, missing required keys, wrong
 * types and bad enum values are answered with Stripe's error codes, naming the full param.
 * `accepted` names top-level parameters Stripe defines that the table does not model: they are
 * passed through as sent rather than refused.
 */
export function validateFields(
  form: FormObject,
  fields: Fields,
  prefix = "",
  accepted: ReadonlySet<string> = NONE,
): Params {
  const out: Params = {};
  for (const key of Object.keys(form)) {
    const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (!field && accepted.has(key)) {
      out[key] = form[key] as ParamValue;
      continue;
    }
    if (!field) throw parameterUnknown(childName(prefix, key));
    const value = form[key];
    if (value === undefined) continue;
    out[key] = validateValue(value, field, childName(prefix, key));
  }
  for (const key of requiredKeys(fields)) {
    if (out[key] === undefined) throw parameterMissing(childName(prefix, key));
  }
  return out;
}

/** A request's parameters, validated against the route's table and Stripe's own list of them. */
export function validateParams(request: ApiRequest, fields: Fields): Params {
  return validateFields(request.form, fields, "", request.stripeParameters);
}

export function str(params: Params | undefined, key: string): string | undefined {
  const value = params?.[key];
  return typeof value === "string" ? value : undefined;
}

export function int(params: Params | undefined, key: string): number | undefined {
  const value = params?.[key];
  return typeof value === "number" ? value : undefined;
}

export function bool(params: Params | undefined, key: string): boolean | undefined {
  const value = params?.[key];
  return typeof value === "boolean" ? value : undefined;
}

export function obj(params: Params | undefined, key: string): Params | undefined {
  const value = params?.[key];
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : undefined;
}

export function arr(params: Params | undefined, key: string): ParamValue[] | undefined {
  const value = params?.[key];
  return Array.isArray(value) ? value : undefined;
}

export function asParams(value: ParamValue | undefined): Params | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : undefined;
}

export function stringMap(
  params: Params | undefined,
  key: string,
): Record<string, string> | undefined {
  const value = obj(params, key);
  if (!value) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
  return out;
}

export const addressFields: Fields = {
  city: { type: "string", emptyAllowed: true },
  country: { type: "string", emptyAllowed: true },
  line1: { type: "string", emptyAllowed: true },
  line2: { type: "string", emptyAllowed: true },
  postal_code: { type: "string", emptyAllowed: true },
  state: { type: "string", emptyAllowed: true },
};
