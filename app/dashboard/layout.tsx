import Link from "next/link";
import type { ReactNode } from "react";
import { checkOperator } from "@/lib/auth/operator";

/** Every page under /dashboard: the operator's view of Radar's decisions and Stripe's calls. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Other people's evaluations and requests: operators only (open with the emulator).
  const access = await checkOperator();
  if (!access.allowed) {
    return (
      <section className="max-w-xl space-y-3" data-testid="operator-refusal">
        <h1 className="text-2xl font-semibold">Operators only</h1>
        <p role="alert" className="text-slate-700">
          {access.message}
        </p>
        {access.reason === "sign_in" ? (
          <Link href="/login" className="text-brand-700 underline">
            Log in
          </Link>
        ) : null}
      </section>
    );
  }
  return (
    <div className="space-y-6">
      <nav aria-label="Dashboard" className="flex gap-4 border-b border-slate-200 pb-2 text-sm">
        <Link href="/dashboard" className="text-slate-700 hover:text-brand-600">
          Evaluations
        </Link>
        <Link href="/dashboard/requests" className="text-slate-700 hover:text-brand-600">
          Stripe requests
        </Link>
      </nav>
      {children}
    </div>
  );
}
