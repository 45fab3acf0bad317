import Link from "next/link";

const FLOWS = [
  {
    href: "/register",
    title: "Registration",
    api: "Customer Evaluation · registration → multi_accounting",
    body: "Creates the Stripe Customer, scores the sign-up for multi-accounting, allows, reviews or blocks it, and reports the outcome.",
  },
  {
    href: "/login",
    title: "Login",
    api: "Customer Evaluation · login → account_sharing",
    body: "Scores each login of the same customer for account sharing and reports success or failure back to Radar.",
  },
  {
    href: "/checkout",
    title: "Checkout",
    api: "Payment Evaluation → PaymentIntent",
    body: "Scores the payment before authorization and charges it on the same customer ID, or stops it when Radar says block.",
  },
];

export default function HomePage() {
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1 className="text-3xl font-semibold tracking-tight">
          Stripe Radar for sign-up, login and checkout
        </h1>
        <p className="max-w-3xl text-slate-600">
          A reference integration of Radar&apos;s customer-abuse and payment-risk APIs. The browser
          creates a Radar Session with Stripe.js; server actions run Customer Evaluations at
          registration and login, report each outcome, and run a Payment Evaluation before a payment
          is authorized, always with the same Stripe customer ID. Prisma keeps every user,
          evaluation and order.
        </p>
      </section>
      <section className="grid gap-4 md:grid-cols-3" aria-label="Flows">
        {FLOWS.map((flow) => (
          <Link
            key={flow.href}
            href={flow.href}
            className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-600"
          >
            <h2 className="font-semibold">{flow.title}</h2>
            <p className="mt-1 font-mono text-xs text-brand-700">{flow.api}</p>
            <p className="mt-3 text-sm text-slate-600">{flow.body}</p>
          </Link>
        ))}
      </section>
    </div>
  );
}
