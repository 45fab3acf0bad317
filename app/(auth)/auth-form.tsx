"use client";

import type { ReactNode } from "react";
import { FormMessage } from "@/components/form-message";
import { RadarSessionField } from "@/components/radar-session-field";
import { SubmitButton } from "@/components/submit-button";
import type { FormState } from "@/lib/accounts/form-state";
import type { BrowserStripeConfig } from "@/lib/stripe/browser-config";

/** The frame of the registration and log-in forms: message, fields, Radar Session, submit. */
export function AuthForm({
  action,
  state,
  stripe,
  submit,
  pending,
  children,
}: {
  action: (formData: FormData) => void;
  state: FormState;
  stripe: BrowserStripeConfig;
  submit: string;
  pending: string;
  children: ReactNode;
}) {
  return (
    <form
      action={action}
      noValidate
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <FormMessage message={state.message} />
      {children}
      <RadarSessionField stripe={stripe} error={state.fieldErrors?.radar_session} />
      <SubmitButton pending={pending}>{submit}</SubmitButton>
    </form>
  );
}
