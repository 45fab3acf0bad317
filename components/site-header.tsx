import Link from "next/link";
import { signOutAction } from "@/components/sign-out-action";
import { currentUser } from "@/lib/auth/current-user";
import { config } from "@/lib/config";

const DASHBOARD = { href: "/dashboard", label: "Dashboard" };
/** The guided scenarios, which drive the emulator. */
const DEMO = { href: "/demo", label: "Demo" };
const SIGNED_OUT = [
  { href: "/register", label: "Register" },
  { href: "/login", label: "Log in" },
  DASHBOARD,
];
const SIGNED_IN = [
  { href: "/checkout", label: "Checkout" },
  { href: "/account", label: "Account" },
  DASHBOARD,
];

export async function SiteHeader() {
  const user = await currentUser();
  const emulator = config.stripe.mode === "emulator";
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav
        className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-4 sm:px-6"
        aria-label="Main"
      >
        <Link href="/" className="font-semibold text-slate-900">
          Radar abuse reference
        </Link>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
          {[...(user ? SIGNED_IN : SIGNED_OUT), ...(emulator ? [DEMO] : [])].map((item) => (
            <li key={item.href}>
              <Link href={item.href} className="hover:text-brand-700">
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="ml-auto flex items-center gap-4 text-sm">
          {user ? (
            <form action={signOutAction} className="flex items-center gap-3">
              {/* On a phone the email would push the header wider than the screen. */}
              <span
                className="hidden max-w-64 truncate text-slate-500 sm:inline"
                data-testid="signed-in-as"
              >
                {user.email}
              </span>
              <button type="submit" className="text-slate-600 hover:text-brand-700">
                Sign out
              </button>
            </form>
          ) : null}
          <span
            className={`rounded-full px-3 py-1 text-xs font-medium ${
              emulator ? "bg-amber-100 text-amber-800" : "bg-emerald-100 text-emerald-800"
            }`}
            data-testid="stripe-mode"
          >
            {emulator ? "Stripe emulator" : "Stripe test mode"}
          </span>
        </div>
      </nav>
    </header>
  );
}
