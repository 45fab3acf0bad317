"use client";

import { useActionState } from "react";
import { AuthForm } from "@/app/(auth)/auth-form";
import { loginAction } from "@/app/(auth)/login/actions";
import { FormField } from "@/components/form";
import type { FormState } from "@/lib/forms/parse-form";
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
