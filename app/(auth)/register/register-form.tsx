"use client";

import { useActionState } from "react";
import { AuthForm } from "@/app/(auth)/auth-form";
import { registerAction } from "@/app/(auth)/register/actions";
import { FormField } from "@/components/form";
import type { FormState } from "@/lib/forms/parse-form";
import type { BrowserStripeConfig } from "@/lib/stripe/browser-config";

export function RegisterForm({ stripe }: { stripe: BrowserStripeConfig }) {
  const [state, formAction] = useActionState(registerAction, {} as FormState);
  const errors = state.fieldErrors ?? {};
  return (
    <AuthForm
      action={formAction}
      state={state}
      stripe={stripe}
      submit="Create account"
      pending="Creating your account…"
    >
      <FormField
        name="name"
        label="Name"
        autoComplete="name"
        defaultValue={state.values?.name}
        error={errors.name}
      />
      <FormField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        defaultValue={state.values?.email}
        error={errors.email}
      />
      <FormField
        name="phone"
        label="Phone (optional)"
        type="tel"
        autoComplete="tel"
        defaultValue={state.values?.phone}
        error={errors.phone}
      />
      <FormField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        error={errors.password}
      />
    </AuthForm>
  );
}
