import type { Metadata } from "next";
import Link from "next/link";
import { AuthForm } from "@/app/(auth)/auth-form";
import { registerAction } from "@/app/(auth)/register/actions";
import { config } from "@/lib/config";
import { browserStripeConfig } from "@/lib/stripe/load-stripe-js";

export const metadata: Metadata = { title: "Create an account" };

export default function RegisterPage() {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Create an account</h1>
        <p className="mt-1 text-sm text-slate-600">
          Radar scores this sign-up for multi-accounting before the account is created.
        </p>
      </div>
      <AuthForm
        action={registerAction}
        fields={[
          { name: "name", label: "Name", autoComplete: "name" },
          { name: "email", label: "Email", type: "email", autoComplete: "email" },
          { name: "phone", label: "Phone (optional)", type: "tel", autoComplete: "tel" },
          {
            name: "password",
            label: "Password",
            type: "password",
            autoComplete: "new-password",
            hint: "At least 10 characters.",
          },
        ]}
        stripe={browserStripeConfig(config.stripe)}
        submit="Create account"
        pending="Creating your account…"
      />
      <p className="text-sm text-slate-600">
        Already registered?{" "}
        <Link href="/login" className="font-medium text-brand-700">
          Log in
        </Link>
      </p>
    </div>
  );
}
