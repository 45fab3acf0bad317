import Link from "next/link";
import { config } from "@/lib/env";

const NAVIGATION = [
  { href: "/register", label: "Register" },
  { href: "/login", label: "Log in" },
  { href: "/checkout", label: "Checkout" },
  { href: "/account", label: "Account" },
];

export function SiteHeader() {
  const emulator = config.stripe.mode === "emulator";
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav className="mx-auto flex max-w-5xl items-center gap-6 px-6 py-4" aria-label="Main">
        <Link href="/" className="font-semibold text-slate-900">
          Radar abuse reference
        </Link>
        <ul className="flex gap-4 text-sm text-slate-600">
          {NAVIGATION.map((item) => (
            <li key={item.href}>
              <Link href={item.href} className="hover:text-brand-600">
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
        <span
          className={`ml-auto rounded-full px-3 py-1 text-xs font-medium ${
            emulator ? "bg-amber-100 text-amber-800" : "bg-emerald-100 text-emerald-800"
          }`}
          data-testid="stripe-mode"
        >
          {emulator ? "Stripe emulator" : "Stripe test mode"}
        </span>
      </nav>
    </header>
  );
}
