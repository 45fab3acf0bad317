"use client";

import { type FormEvent, type ReactNode, useActionState, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { FormField, FormMessage, useOutcomeFocus } from "@/components/form";
import { RadarSessionField } from "@/components/radar-session-field";
import type { FormState } from "@/lib/forms/parse-form";
import { FORM_TOO_LARGE_MESSAGE, formTooLarge } from "@/lib/http/form-size";
import type { BrowserStripeConfig } from "@/lib/stripe/load-stripe-js";

/** A field of the registration or log-in form; what was typed comes back on a refusal. */
export type AuthField = {
  name: string;
  label: string;
  type?: "email" | "password" | "tel";
  autoComplete: string;
  hint?: string;
};

/**
 * The registration and log-in forms: message, fields, Radar Session, submit, posted to the
 * page's server action.
 */
export function AuthForm({
  action,
  fields,
  stripe,
  submit,
  pending,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  fields: readonly AuthField[];
  stripe: BrowserStripeConfig;
  submit: string;
  pending: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const [tooLarge, setTooLarge] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useOutcomeFocus(form, state, tooLarge);
  // Next.js answers an oversized Server Action with an error page: refuse it here instead.
  function refuseOversized(event: FormEvent<HTMLFormElement>) {
    const refused = formTooLarge(new FormData(event.currentTarget));
    setTooLarge(refused);
    if (refused) event.preventDefault();
  }
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={refuseOversized}
      noValidate
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <FormMessage
        message={tooLarge ? FORM_TOO_LARGE_MESSAGE : state.message}
        why={tooLarge ? undefined : state.why}
      />
      {fields.map((field) => (
        <FormField
          key={field.name}
          {...field}
          defaultValue={state.values?.[field.name]}
          error={state.fieldErrors?.[field.name]}
        />
      ))}
      {/* A Radar Session is claimed by the first account it is sent for: each answer brings a
          fresh one, so correcting a mistyped email works. */}
      <RadarSessionField stripe={stripe} renewOn={state} error={state.fieldErrors?.radar_session} />
      <SubmitButton pending={pending}>{submit}</SubmitButton>
    </form>
  );
}

function SubmitButton({ children, pending }: { children: ReactNode; pending: ReactNode }) {
  const status = useFormStatus();
  return (
    <button
      type="submit"
      disabled={status.pending}
      className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
    >
      {status.pending ? pending : children}
    </button>
  );
}
