import qs from "qs";
import { invalidRequest } from "./errors";

/** A decoded form value: Stripe's bracket syntax nests objects and indexed arrays. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

export const MAX_DEPTH = 8;
export const MAX_PARAMETERS = 1000;
export const MAX_ARRAY_INDEX = 100;

const utf8 = new TextDecoder("utf-8", { fatal: true });

class MalformedEncoding extends Error {}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    throw new MalformedEncoding(text);
  }
}

/**
 * Parses an `application/x-www-form-urlencoded` body or query string the way Stripe reads it.
 * Anything it cannot read faithfully (bad UTF-8, malformed percent-encoding, too deep, too many
 * parameters) is a Stripe-shaped 400 rather than a silently mangled value.
 */
export function parseForm(raw: Buffer | string): FormObject {
  let text: string;
  if (typeof raw === "string") {
    text = raw;
  } else {
    try {
      text = utf8.decode(raw);
    } catch {
      throw invalidRequest(
        "Invalid request body: it is not valid UTF-8.",
        "parameter_invalid_string",
      );
    }
  }
  if (text.length === 0) return {};
  try {
    const parsed = qs.parse(text, {
      depth: MAX_DEPTH,
      strictDepth: true,
      parameterLimit: MAX_PARAMETERS,
      arrayLimit: MAX_ARRAY_INDEX,
      throwOnLimitExceeded: true,
      allowPrototypes: false,
      plainObjects: true,
      decoder: (str: string) => decodeComponent(str),
    });
    return parsed as FormObject;
  } catch (error) {
    if (error instanceof MalformedEncoding) {
      throw invalidRequest(
        `Invalid request: malformed percent-encoding in '${error.message.slice(0, 80)}'.`,
      );
    }
    if (error instanceof RangeError) {
      throw invalidRequest(
        `Invalid request: parameters are limited to ${MAX_PARAMETERS} keys, nesting depth ${MAX_DEPTH} and array index ${MAX_ARRAY_INDEX}.`,
      );
    }
    throw invalidRequest("Invalid request body.");
  }
}
