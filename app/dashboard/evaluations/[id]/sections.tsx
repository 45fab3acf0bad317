import Link from "next/link";
import type { ReactNode } from "react";
import { LocalTime } from "@/components/local-time";
import { orderTitle } from "@/lib/checkout/order-title";
import type { FoundEvaluation } from "@/lib/dashboard/find-evaluation";

export function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section
      className="min-w-0 space-y-2 rounded-xl border border-slate-200 bg-white p-4"
      data-testid={testId}
    >
      <h2 className="font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export function Facts({ children }: { children: ReactNode }) {
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
      {children}
    </dl>
  );
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

const when = (date: Date | null) => (date ? <LocalTime date={date} /> : "–");

/** What became of the decision: the outcome reported to Radar, or what the payment did. */
export function OutcomeSection({ found }: { found: FoundEvaluation }) {
  if (found.kind === "customer") {
    const { evaluation } = found;
    return (
      <Section title="Reported outcome" testId="outcome">
        <Facts>
          <Fact label="Outcome">{evaluation.outcome ?? "not decided yet"}</Fact>
          <Fact label="Report">{evaluation.reportStatus}</Fact>
          <Fact label="Delivered">{when(evaluation.reportedAt)}</Fact>
          <Fact label="Tries">{evaluation.reportAttempts}</Fact>
          {evaluation.reportError ? <Fact label="Refused">{evaluation.reportError}</Fact> : null}
        </Facts>
      </Section>
    );
  }
  const { attempt } = found;
  return (
    <Section title="What the payment did" testId="outcome">
      <Facts>
        <Fact label="PaymentIntent">
          <span className="font-mono">{attempt.paymentIntentId ?? "none created"}</span>
        </Fact>
        <Fact label="Status">{attempt.paymentIntentStatus ?? "–"}</Fact>
        {attempt.declineCode ? (
          <Fact label="Decline">
            {attempt.failureMessage} <span className="font-mono">({attempt.declineCode})</span>
          </Fact>
        ) : null}
        {attempt.threeDSecureResult ? (
          <Fact label="3D Secure">{attempt.threeDSecureResult}</Fact>
        ) : null}
        <Fact label="Webhook">
          {attempt.order.webhookConfirmedAt ? (
            <>payment_intent.succeeded delivered {when(attempt.order.webhookConfirmedAt)}</>
          ) : (
            "no confirmation"
          )}
        </Fact>
      </Facts>
    </Section>
  );
}

/** The user, the order and the Stripe calls (the request inspector) behind the evaluation. */
export function LinksSection({ found }: { found: FoundEvaluation }) {
  const user = found.kind === "customer" ? found.evaluation.user : found.attempt.order.user;
  const email = found.kind === "customer" ? found.evaluation.email : found.attempt.order.user.email;
  const stripeId =
    found.kind === "customer" ? found.evaluation.stripeId : found.attempt.paymentEvaluationId;
  const requests = new URLSearchParams(
    found.kind === "payment"
      ? { order: found.attempt.order.id }
      : stripeId
        ? { evaluation: stripeId }
        : { customer: found.evaluation.stripeCustomerId ?? "" },
  );
  return (
    <Section title="Related" testId="related">
      <Facts>
        <Fact label="User">
          <Link
            href={`/dashboard?who=${encodeURIComponent(user?.id ?? email)}`}
            className="text-brand-700"
            data-testid="user-link"
          >
            {email}
          </Link>
          {user ? null : <span className="ml-1 text-slate-500">(no account was created)</span>}
        </Fact>
        {found.kind === "payment" ? (
          <Fact label="Order">
            <Link href={`/orders/${found.attempt.order.id}`} className="text-brand-700">
              {orderTitle(found.attempt.order)}
            </Link>{" "}
            ({found.attempt.order.status})
          </Fact>
        ) : null}
        <Fact label="Stripe requests">
          <Link href={`/dashboard/requests?${requests}`} className="text-brand-700">
            The calls this evaluation made
          </Link>
        </Fact>
      </Facts>
    </Section>
  );
}
