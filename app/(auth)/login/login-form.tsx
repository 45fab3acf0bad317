"use client";

import { useActionState } from "react";
import { loginAction } from "@/app/(auth)/actions";
import { FormField } from "@/components/form-field";
import { FormMessage } from "@/components/form-message";
import { RadarSessionField } from "@/components/radar-session-field";
import { SubmitButton } from "@/components/submit-button";
import type { FormState } from "@/lib/accounts/form-state";
import type { BrowserStripeConfig } from "@/lib/stripe/browser-config";

export function LoginForm({ stripe }: { stripe: BrowserStripeConfig }) {
  const [state, formAction] = useActionState(loginAction, {} as FormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form
      action={formAction}
      noValidate
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <FormMessage message={state.message} />
      <FormField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        defaultValue={state.values?.email}
        error={errors.email}
      />
      <FormField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password}
      />
      <RadarSessionField stripe={stripe} error={errors.radar_session} />
      <SubmitButton pending="Signing in…">Log in</SubmitButton>
    </form>
  );
}
