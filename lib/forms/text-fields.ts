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
