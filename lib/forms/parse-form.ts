import qs from "qs";
import type { z } from "zod";
import { type FieldErrors, textFields } from "@/lib/forms/text-fields";

export type { FieldErrors };

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
