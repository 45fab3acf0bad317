import type { z } from "zod";
import { textFields } from "@/lib/forms/text-fields";

export type FieldErrors = Partial<Record<string, string>>;

export type ParsedForm<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

/** Validates a submitted form; the first problem of each field is its message. */
export function parseForm<T>(schema: z.ZodType<T>, formData: FormData): ParsedForm<T> {
  const text = textFields(formData);
  if (!text.ok) return text;
  const parsed = schema.safeParse(text.values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}
