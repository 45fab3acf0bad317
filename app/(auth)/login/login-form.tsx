"use client";

import { useActionState } from "react";
import { loginAction } from "@/app/(auth)/actions";
import { AuthForm } from "@/app/(auth)/auth-form";
import { FormField } from "@/components/form-field";
import type { FormState } from "@/lib/forms/form-state";
import type { BrowserStripeConfig } from "@/lib/stripe/browser-config";

export function LoginForm({ stripe }: { stripe: BrowserStripeConfig }) {
  const [state, formAction] = useActionState(loginAction, {} as FormState);
  const errors = state.fieldErrors ?? {};
  return (
    <AuthForm
      action={formAction}
      state={state}
      stripe={stripe}
      submit="Log in"
      pending="Signing in…"
    >
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
    </AuthForm>
  );
}
