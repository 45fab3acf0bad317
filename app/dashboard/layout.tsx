import Link from "next/link";
import type { ReactNode } from "react";

/**
 * Every page under /dashboard: the operator's view of Radar's decisions and Stripe's calls. Each
 * page checks operator access itself, beside its data, as Next.js's authentication guide advises:
 * a layout is not guaranteed to render again when one navigates between the pages under it.
 */
export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="space-y-6">
      <nav aria-label="Dashboard" className="flex gap-4 border-b border-slate-200 pb-2 text-sm">
        <Link href="/dashboard" className="text-slate-700 hover:text-brand-700">
          Evaluations
        </Link>
        <Link href="/dashboard/requests" className="text-slate-700 hover:text-brand-700">
          Stripe requests
        </Link>
      </nav>
      {children}
    </div>
  );
}
