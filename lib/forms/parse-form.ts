import qs from "qs";
import type { z } from "zod";
import type { ScoreWhy } from "@/lib/radar/score-explanation";

/** A message for each field that was refused, by the field's name. */
export type FieldErrors = Partial<Record<string, string>>;

export const UNTYPABLE_CHARACTER = "Remove the invisible control characters from this field.";

// NUL and the other C0 control characters but tab, line feed and carriage return: nobody types
// them, and PostgreSQL refuses NUL in text outright.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export type TextFields =
  | { kind: "valid"; values: Record<string, string> }
  | { kind: "invalid"; fieldErrors: FieldErrors };

/**
 * The text fields of a submitted form (files are ignored). A field holding a control character
 * is an error on that field, found before anything is sent to Stripe or the database.
 */
export function textFields(formData: FormData): TextFields {
  const values: Record<string, string> = {};
  const fieldErrors: FieldErrors = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    if (CONTROL_CHARACTER.test(key) || CONTROL_CHARACTER.test(value)) {
      fieldErrors[key.replace(CONTROL_CHARACTER, "")] = UNTYPABLE_CHARACTER;
    } else {
      values[key] = value;
    }
  }
  return Object.keys(fieldErrors).length > 0
    ? { kind: "invalid", fieldErrors }
    : { kind: "valid", values };
}

export type ParsedForm<T> =
  | { kind: "valid"; data: T }
  | { kind: "invalid"; fieldErrors: FieldErrors };

/** The form field a schema path names: `billing.address.line1` is `billing[address][line1]`. */
export function fieldName(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  if (head === undefined) return "form";
  return head + rest.map((key) => `[${key}]`).join("");
}

/**
 * Validates a submitted form against a schema of its fields. Bracketed names
 * (`billing[address][city]`) arrive nested, as `qs` reads them; the first problem of each field
 * is its message, under the field's own name.
 */
export function parseForm<T>(schema: z.ZodType<T>, formData: FormData): ParsedForm<T> {
  const text = textFields(formData);
  if (text.kind === "invalid") return text;
  // Deeper nesting than any form here has is kept as a flat key, and fails the schema.
  const parsed = schema.safeParse(qs.parse(text.values, { depth: 3 }));
  if (parsed.success) return { kind: "valid", data: parsed.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) fieldErrors[fieldName(issue.path)] ??= issue.message;
  return { kind: "invalid", fieldErrors };
}

/** What a server action hands back to its form: messages, and the values to show again. */
export type FormState = {
  fieldErrors?: FieldErrors;
  message?: string;
  /** In demo mode, the reasons behind a Radar refusal, shown to the presenter beside `message`. */
  why?: ScoreWhy | undefined;
  values?: Record<string, string>;
};

/** The submitted text fields, minus secrets, so a refused form keeps what the person typed. */
export function echoValues(formData: FormData, fields: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = formData.get(field);
    if (typeof value === "string") values[field] = value.slice(0, 1_000);
  }
  return values;
}
