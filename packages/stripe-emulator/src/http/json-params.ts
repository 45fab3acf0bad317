import { invalidFields } from "./errors.ts";
import type { Field, Fields, Params, ParamValue } from "./params.ts";

/** A v2 request body: a JSON object, or nothing. */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString("utf8").trim();
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalidFields("The request body is not valid JSON.");
  }
}

function childName(prefix: string, key: string | number): string {
  if (typeof key === "number") return `${prefix}[${key}]`;
  return prefix ? `${prefix}.${key}` : key;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

function validateValue(value: unknown, field: Field, name: string): ParamValue {
  switch (field.type) {
    case "string":
      if (typeof value !== "string" || (value === "" && !field.emptyAllowed)) {
        throw invalidFields(`Invalid ${name}: expected a non-empty string, got ${typeOf(value)}.`);
      }
      if (field.maxLength !== undefined && value.length > field.maxLength) {
        throw invalidFields(`Invalid ${name}: must be at most ${field.maxLength} characters.`);
      }
      return value;
    case "enum":
      if (typeof value !== "string" || !field.values.includes(value)) {
        throw invalidFields(
          `Invalid ${name}: must be one of ${field.values.join(", ")}; got ${JSON.stringify(value)}.`,
        );
      }
      return value;
    case "object":
      if (typeOf(value) !== "object") {
        throw invalidFields(`Invalid ${name}: expected an object, got ${typeOf(value)}.`);
      }
      return validateJsonObject(value as Record<string, unknown>, field.fields, name);
    case "array":
      if (!Array.isArray(value)) {
        throw invalidFields(`Invalid ${name}: expected an array, got ${typeOf(value)}.`);
      }
      return value.map((item, index) => validateValue(item, field.items, childName(name, index)));
    default:
      throw invalidFields(`Invalid ${name}: unsupported field type ${field.type}.`);
  }
}

function validateJsonObject(
  value: Record<string, unknown>,
  fields: Fields,
  prefix: string,
): Params {
  const result: Params = {};
  for (const key of Object.keys(value)) {
    const field = fields[key];
    if (!field) throw invalidFields(`Unknown field: ${childName(prefix, key)}.`);
    result[key] = validateValue(value[key], field, childName(prefix, key));
  }
  for (const [key, field] of Object.entries(fields)) {
    if (field.required && value[key] === undefined) {
      throw invalidFields(`Missing required field: ${childName(prefix, key)}.`);
    }
  }
  return result;
}

/**
 * Checks a v2 JSON body against an operation's fields (the same declarations v1 forms use):
 * unknown fields, missing required ones and wrong JSON types are `invalid_fields` errors,
 * naming the field by its dotted path.
 */
export function validateJson(body: unknown, fields: Fields): Params {
  if (typeOf(body) !== "object") throw invalidFields("The request body must be a JSON object.");
  return validateJsonObject(body as Record<string, unknown>, fields, "");
}
