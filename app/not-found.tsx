import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

/** Every unknown URL, and every `notFound()` (an order that is not yours, an unknown evaluation). */
export default function NotFound() {
  return (
    <section className="mx-auto max-w-xl space-y-4 rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <p className="font-mono text-sm font-semibold text-brand-700">404</p>
      <h1 className="text-2xl font-semibold">This page does not exist</h1>
      <p className="text-sm text-slate-600">
        The address may be mistyped, or what it pointed to belongs to another account.
      </p>
      <nav className="flex flex-wrap justify-center gap-3 text-sm" aria-label="Where to go">
        <Link href="/" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white">
          Home
        </Link>
        <Link href="/account" className="rounded-md border border-slate-300 px-3 py-1.5">
          Your account
        </Link>
      </nav>
    </section>
  );
}
