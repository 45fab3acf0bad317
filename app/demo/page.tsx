import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import {
  endRadarOutageAction,
  payAction,
  radarOutageStateAction,
  shareLogInElsewhereAction,
  shareLogInHereAction,
  shareOwnerSignsUpAction,
  signUpHereAction,
  startRadarOutageAction,
} from "@/app/demo/actions";
import { DemoRunProvider } from "@/app/demo/demo-run";
import { OutageControls } from "@/app/demo/outage-controls";
import { ResetForm } from "@/app/demo/reset-form";
import { StepButton } from "@/app/demo/step-button";
import { checkOperator } from "@/lib/auth/operator";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { RESET_REFUSED_WITH_STRIPE } from "@/lib/demo/reset-demo";
import { DEMO_PASSWORD } from "@/lib/demo/scenario-steps";
import { SCENARIO_CARDS } from "@/lib/demo/test-cards";
import { SIGNAL_NAMES } from "@/lib/radar/account-abuse";
import { browserStripeConfig } from "@/lib/stripe/load-stripe-js";

export const metadata: Metadata = { title: "Guided scenarios" };

function Scenario({
  id,
  title,
  lead,
  children,
}: {
  id: string;
  title: string;
  lead: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="text-sm text-slate-600">{lead}</p>
      <ol className="list-decimal space-y-4 pl-5">{children}</ol>
    </section>
  );
}

function Step({ text, children }: { text: ReactNode; children?: ReactNode }) {
  return (
    <li className="space-y-2 text-sm">
      <p>{text}</p>
      {children}
    </li>
  );
}

/** Seeded shoppers who have logged in from one device: a log-in from this browser is allowed. */
async function seededAccounts(): Promise<string[]> {
  const users = await db().user.findMany({
    where: { needsReview: false },
    orderBy: { createdAt: "asc" },
    take: 20,
    select: {
      email: true,
      _count: { select: { evaluations: { where: { eventType: "login" } } } },
    },
  });
  return users
    .filter((u) => u._count.evaluations === 1)
    .slice(0, 3)
    .map((u) => u.email);
}

export default async function DemoPage() {
  const emulatorMode = config.stripe.mode === "emulator";
  const signals = SIGNAL_NAMES[config.radar.api];
  const stripe = browserStripeConfig(config.stripe);
  const signUpHere = (testId: string) => (
    <StepButton
      label="Sign up from this browser"
      run={signUpHereAction}
      stripe={stripe}
      testId={testId}
    />
  );
  const [access, seeded, outage] = await Promise.all([
    checkOperator(),
    seededAccounts(),
    radarOutageStateAction(),
  ]);
  const resetRefusal = !emulatorMode
    ? RESET_REFUSED_WITH_STRIPE
    : access.kind === "allowed"
      ? null
      : access.message;
  return (
    <DemoRunProvider>
      <div className="space-y-8">
        <section className="space-y-3">
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Guided scenarios</h1>
          <p className="text-slate-600">
            Each scenario runs the app&apos;s real flows: sign-ups and log-ins go through the same
            code as the forms, with a Radar Session from this browser&apos;s Stripe.js or from a
            simulated device elsewhere. Every step shows the score, risk level and decision the app
            saved; open one to see it on the dashboard.
          </p>
          {!emulatorMode ? (
            <p role="note" className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
              The scenarios simulate other devices and outages with the local Stripe emulator. With
              Stripe keys, follow the README&apos;s Try it table by hand.
            </p>
          ) : null}
        </section>

        <Scenario
          id="multi-accounting"
          title="Multi-accounting at sign-up"
          lead={`One person opens several accounts from one device to abuse a sign-up offer. Radar scores ${signals.registration} on every registration.`}
        >
          <Step text="Create the next sign-up from this browser. The first is normal and allowed.">
            {signUpHere("multi-accounting-signup")}
          </Step>
          <Step text="Press it again: a second account from this device is elevated and flagged for review." />
          <Step text="And a third time: highest, and the sign-up is blocked. No account is created, the evaluation is kept." />
        </Scenario>

        <Scenario
          id="account-sharing"
          title="Account sharing at log-in"
          lead={`A subscriber shares a password with friends far away. Radar scores ${signals.login} on every log-in to the same customer.`}
        >
          <Step text="The owner signs up and logs in on a laptop in New York (a simulated device).">
            <StepButton
              label="Owner signs up and logs in"
              run={shareOwnerSignsUpAction}
              testId="account-sharing-owner"
            />
          </Step>
          <Step text="Log in to that account from this browser: a second device in another place, elevated, flagged for review (and this browser is signed in).">
            <StepButton
              label="Log in from this browser"
              run={shareLogInHereAction}
              stripe={stripe}
              testId="account-sharing-here"
            />
          </Step>
          <Step text="A friend logs in from a phone in Tokyo: a third device, highest, blocked.">
            <StepButton
              label="Log in from a phone in Tokyo"
              run={shareLogInElsewhereAction}
              testId="account-sharing-elsewhere"
            />
          </Step>
        </Scenario>

        <Scenario
          id="risky-payment"
          title="A risky payment"
          lead="Radar scores fraudulent_payment before the card is charged; on block no PaymentIntent is created. Sign in first (a sign-up above does it)."
        >
          {SCENARIO_CARDS.map((card) => (
            <Step
              key={card.paymentMethod}
              text={`Pay for a hoodie with ${card.number}: ${card.effect}.`}
            >
              <StepButton
                label={`Pay with ${card.number}`}
                run={payAction.bind(null, card.paymentMethod)}
                stripe={stripe}
                testId={`payment-${card.paymentMethod}`}
              />
            </Step>
          ))}
          <Step
            text={
              <>
                Or pay by hand on the{" "}
                <Link href="/checkout" className="text-brand-700 underline">
                  checkout page
                </Link>
                , which lists the test cards.
              </>
            }
          />
        </Scenario>

        <Scenario
          id="radar-down"
          title="Radar is down (fail open)"
          lead="When an evaluation cannot be had, the action goes on under the policy for a missing signal, which never blocks, and the evaluation is saved as unavailable with the reason."
        >
          <Step text="Make the emulator answer every Customer and Payment Evaluation with a 500 for one minute.">
            <OutageControls
              start={startRadarOutageAction}
              end={endRadarOutageAction}
              status={radarOutageStateAction}
              initiallyDown={outage.kind === "outage" && outage.down}
            />
          </Step>
          <Step text="Sign up from this browser while Radar is down: allowed, with no score and the reason saved. Even a device Radar would block gets through: that is what failing open means.">
            {signUpHere("radar-down-signup")}
          </Step>
          <Step text="End the outage (or wait the minute): the next sign-up is scored again. Radar counts every account this browser has opened, those made during the outage too: after the multi-accounting scenario, that sign-up is blocked like the third one was. The outage hid the pattern from the app, not from Radar." />
        </Scenario>

        <section
          aria-labelledby="reset"
          className="space-y-3 rounded-xl border border-red-200 bg-white p-5 shadow-sm"
        >
          <h2 id="reset" className="text-lg font-semibold">
            Start over
          </h2>
          <p className="text-sm text-slate-600">
            Clears every user, evaluation and order and the emulator&apos;s state together, then
            seeds a few weeks of history again. This browser is signed out and is a new device to
            Radar.
          </p>
          <ResetForm refusal={resetRefusal} />
          {seeded.length > 0 ? (
            <p className="text-sm text-slate-600" data-testid="seeded-accounts">
              Seeded accounts to log in as (password{" "}
              <code className="font-mono">{DEMO_PASSWORD}</code>): {seeded.join(", ")}.
            </p>
          ) : null}
        </section>
      </div>
    </DemoRunProvider>
  );
}
