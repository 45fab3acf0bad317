import type { Metadata } from "next";
import Link from "next/link";
import { AuthForm } from "@/app/(auth)/auth-form";
import { loginAction } from "@/app/(auth)/login/actions";
import { config } from "@/lib/config";
import { browserStripeConfig } from "@/lib/stripe/load-stripe-js";

export const metadata: Metadata = { title: "Log in" };

export default function LoginPage() {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Log in</h1>
        <p className="mt-1 text-sm text-slate-600">Radar scores each log-in for account sharing.</p>
      </div>
      <AuthForm
        action={loginAction}
        fields={[
          { name: "email", label: "Email", type: "email", autoComplete: "email" },
          {
            name: "password",
            label: "Password",
            type: "password",
            autoComplete: "current-password",
          },
        ]}
        stripe={browserStripeConfig(config.stripe)}
        submit="Log in"
        pending="Signing in…"
      />
      <p className="text-sm text-slate-600">
        New here?{" "}
        <Link href="/register" className="font-medium text-brand-700">
          Create an account
        </Link>
      </p>
    </div>
  );
}
