import type { FieldErrors } from "@/lib/forms/parse-form";
import { fieldOfParam } from "@/lib/radar/stripe-failure";

const FIELDS = {
  phone:
    "Stripe, our payment provider, did not accept this phone number. Enter it with at most 20 characters, digits and + only, like +15550100199.",
  email:
    "Stripe, our payment provider, did not accept this email address. Check it, or use another one.",
  name: "Stripe, our payment provider, did not accept this name. Shorten it and try again.",
} as const;

/** Stripe refused what was sent: the field it named, or a message above the form. */
export type RefusedForm = { fieldErrors: FieldErrors; message?: string };

const FORM =
  "We could not check this request with Stripe, our payment provider, so we did not go on. Try again later, or contact support if it keeps happening.";

/**
 * What a person reads when Stripe refused what the app sent for them: next to the field Stripe's
 * `param` names, when it is one of the form's, and above the form otherwise.
 */
export function refusedForm(param: string | null): RefusedForm {
  const field = fieldOfParam(param, Object.keys(FIELDS) as (keyof typeof FIELDS)[]);
  return field
    ? { message: FIELDS[field], fieldErrors: { [field]: FIELDS[field] } }
    : { message: FORM, fieldErrors: {} };
}
