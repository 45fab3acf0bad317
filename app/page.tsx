import Link from "next/link";
import { config } from "@/lib/config";
import type { AccountEvent, RadarApi } from "@/lib/radar/account-abuse";
import { SIGNAL_NAMES } from "@/lib/radar/account-abuse";

/** How each generation of Radar's account-abuse API words the evaluation and the report. */
const ACCOUNT_ABUSE_STEPS: Record<
  RadarApi,
  Record<AccountEvent, { evaluation: string; report: string }>
> = {
  v1: {
    registration: {
      evaluation: "Customer Evaluation, event_type=registration",
      report: "Outcome reported: allowed, restricted or blocked",
    },
    login: {
      evaluation: "Customer Evaluation on the same customer, event_type=login",
      report: "Outcome reported: allowed, restricted or blocked",
    },
  },
  v2: {
    registration: {
      evaluation: "Account Evaluation of a registration_attempt, waited for until complete",
      report: "Outcome reported as an Account Activity: allowed, restricted or blocked",
    },
    login: {
      evaluation: "Account Evaluation of a login_attempt on the same customer",
      report: "Outcome reported as an Account Activity: allowed, restricted or blocked",
    },
  },
};

function stages(api: RadarApi) {
  const steps = ACCOUNT_ABUSE_STEPS[api];
  return [
    {
      title: "Registration",
      href: "/register",
      signal: SIGNAL_NAMES[api].registration,
      steps: [
        "Stripe.js creates a Radar Session in the browser",
        "The server creates the Stripe Customer",
        steps.registration.evaluation,
        "Policy: allow, review or block; no account when blocked",
        steps.registration.report,
      ],
    },
    {
      title: "Login",
      href: "/login",
      signal: SIGNAL_NAMES[api].login,
      steps: [
        "A fresh Radar Session from this browser",
        "Password checked beside the evaluation",
        steps.login.evaluation,
        "Policy: allow, review or block the session",
        steps.login.report,
      ],
    },
    {
      title: "Payment",
      href: "/checkout",
      signal: "fraudulent_payment",
      steps: [
        "Radar Session and PaymentMethod from Stripe.js",
        "Payment Evaluation before any charge",
        "block: the order stops, nothing is charged",
        "continue: a PaymentIntent on the same customer",
        "Paid on Stripe's answer, confirmed by a signed webhook",
      ],
    },
  ];
}

function ModeBadge({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="font-medium" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export default function HomePage() {
  const emulator = config.stripe.mode === "emulator";
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">
          Stripe Radar for sign-up, login and checkout
        </h1>
        <p className="max-w-3xl text-slate-600">
          A reference integration of Radar&apos;s customer-abuse and payment-risk APIs. Every
          registration and log-in is scored by a Customer Evaluation and every payment by a Payment
          Evaluation before it happens, always on the same Stripe customer; a small policy turns
          each score into a decision, and each outcome is reported back to Radar. The dashboard
          shows every evaluation, with the reasons behind its score.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link
            href="/demo"
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
          >
            Start the guided scenarios
          </Link>
          <Link
            href="/dashboard"
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:border-brand-600"
          >
            Open the dashboard
          </Link>
        </div>
      </section>

      <section aria-label="How it runs">
        <dl className="grid gap-3 sm:grid-cols-2">
          <ModeBadge
            label="Stripe"
            testId="home-stripe-mode"
            value={
              emulator
                ? "Local Stripe emulator (no Stripe account needed)"
                : "Stripe test mode (api.stripe.com)"
            }
          />
          <ModeBadge
            label="Database"
            testId="home-database"
            value={
              config.database.kind === "embedded"
                ? "Embedded PostgreSQL (PGlite)"
                : "PostgreSQL (DATABASE_URL)"
            }
          />
        </dl>
      </section>

      <section aria-labelledby="lifecycle" className="space-y-4">
        <h2 id="lifecycle" className="text-xl font-semibold">
          The lifecycle Radar scores
        </h2>
        <ol className="flex flex-col gap-2 md:flex-row md:items-stretch">
          {stages(config.radar.api).map((stage, index) => (
            <li key={stage.title} className="flex flex-col gap-2 md:flex-1 md:flex-row">
              {index > 0 ? (
                <span
                  aria-hidden="true"
                  className="self-center text-2xl text-brand-700 md:rotate-0 rotate-90"
                >
                  →
                </span>
              ) : null}
              <Link
                href={stage.href}
                className="block flex-1 rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition hover:border-brand-600"
              >
                <h3 className="font-semibold">{stage.title}</h3>
                <p className="mt-1 break-words font-mono text-xs text-brand-700">{stage.signal}</p>
                <ol className="mt-3 space-y-0 text-sm text-slate-700">
                  {stage.steps.map((step, stepIndex) => (
                    <li
                      key={step}
                      className="relative border-l-2 border-brand-100 pb-2 pl-4 last:pb-0"
                    >
                      <span
                        aria-hidden="true"
                        className={`absolute -left-[5px] top-1.5 size-2 rounded-full ${
                          stepIndex === 2 ? "bg-brand-600" : "bg-slate-300"
                        }`}
                      />
                      {step}
                    </li>
                  ))}
                </ol>
              </Link>
            </li>
          ))}
        </ol>
        <p className="text-sm text-slate-600">
          If Radar cannot be reached, each step fails open: the action completes, the evaluation is
          saved as unavailable with the reason, and nothing is lost.
        </p>
      </section>
    </div>
  );
}
