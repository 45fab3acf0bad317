import { z } from "zod";
import { passwordProblem } from "@/lib/auth/password-rules";
import type { FieldErrors, FormState } from "@/lib/forms/parse-form";
import { fieldOfParam } from "@/lib/radar/stripe-failure";

/** Stripe's Radar Session IDs: `rse_` and letters or digits. Anything else is not from Stripe.js. */
const radarSession = z
  .string()
  .trim()
  .max(200, "The device check sent by your browser is not valid. Reload the page and try again.")
  .regex(
    /^rse_[A-Za-z0-9]+$/,
    "The device check sent by your browser is not valid. Reload the page and try again.",
  )
  .optional()
  .or(z.literal("").transform(() => undefined));

const email = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email("Enter a valid email address, like jenny@example.com."))
  .transform((value) => value.toLowerCase());

export const registrationForm = z
  .object({
    name: z
      .string({ error: "Enter your name." })
      .trim()
      .min(1, "Enter your name.")
      .max(200, "A name has at most 200 characters."),
    email,
    phone: z
      .string()
      .trim()
      // A Stripe Customer's phone takes at most 20 characters.
      .max(
        20,
        "A phone number has at most 20 characters. Leave out spaces and punctuation, like +15550100199.",
      )
      .regex(/^(\+?[0-9 ().-]{6,20})?$/, "Enter a phone number with digits, like +1 555 010 0199.")
      .transform((value) => value || undefined)
      .optional(),
    password: z
      .string({ error: "Choose a password." })
      .min(1, "Choose a password.")
      .min(10, "Use at least 10 characters.")
      .max(200, "A password has at most 200 characters."),
    radar_session: radarSession,
  })
  .superRefine(
    (form, ctx) => {
      // The name may have failed its own check (a bracketed `name[a][b]` arrives as an object).
      const name = typeof form.name === "string" ? form.name : undefined;
      const problem = passwordProblem(form.password, { email: form.email, name });
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    },
    // The password is checked against the email, so both must be valid first; a bad name or
    // phone does not hold the password's message back.
    {
      when: ({ issues }) =>
        !issues.some(({ path }) => path?.[0] === "email" || path?.[0] === "password"),
    },
  );
export type RegistrationForm = z.infer<typeof registrationForm>;

export const loginForm = z.object({
  email,
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(200, "A password has at most 200 characters."),
  radar_session: radarSession,
});
export type LoginForm = z.infer<typeof loginForm>;

const REFUSED_FIELDS = {
  phone:
    "Stripe, our payment provider, did not accept this phone number. Enter it with at most 20 characters, digits and + only, like +15550100199.",
  email:
    "Stripe, our payment provider, did not accept this email address. Check it, or use another one.",
  name: "Stripe, our payment provider, did not accept this name. Shorten it and try again.",
} as const;

/** Stripe refused what was sent: the field it named, or a message above the form. */
export type RefusedForm = { fieldErrors: FieldErrors; message?: string };

const REFUSED_FORM =
  "We could not check this request with Stripe, our payment provider, so we did not go on. Try again later, or contact support if it keeps happening.";

/**
 * What a person reads when Stripe refused what the app sent for them: next to the field Stripe's
 * `param` names, when it is one of the form's, and above the form otherwise.
 */
export function refusedForm(param: string | null): RefusedForm {
  const field = fieldOfParam(param, Object.keys(REFUSED_FIELDS) as (keyof typeof REFUSED_FIELDS)[]);
  return field
    ? { message: REFUSED_FIELDS[field], fieldErrors: { [field]: REFUSED_FIELDS[field] } }
    : { message: REFUSED_FORM, fieldErrors: {} };
}

/** The form's answer to a sign-up or log-in refused on a field, with the values to show again. */
export function refusedAnswer(refused: RefusedForm, values: Record<string, string>): FormState {
  return {
    fieldErrors: refused.fieldErrors,
    values,
    ...(refused.message ? { message: refused.message } : {}),
  };
}
