import type { FieldErrors } from "@/lib/forms/parse-form";
import type { ScoreWhy } from "@/lib/radar/score-explanation";

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
