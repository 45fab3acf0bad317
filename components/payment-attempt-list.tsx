import Link from "next/link";
import { JsonView } from "@/components/json-view";
import { LocalTime } from "@/components/local-time";
import { DecisionBadge, RiskLevelBadge, ScoreBadge } from "@/components/risk-badges";
import { WhyDisclosure } from "@/components/why-this-score";
import type { StripeConfig } from "@/lib/config/load-config";
import type { PaymentAttempt } from "@/lib/generated/prisma/client";
import { scoreWhy } from "@/lib/radar/score-explanation";

const THREE_D_SECURE: Record<string, string> = {
  required: "challenge shown, not finished",
  authenticated: "authenticated",
  failed: "failed: the card was not charged",
};

function cardLabel(attempt: PaymentAttempt): string {
  if (!attempt.cardLast4) return attempt.paymentMethod;
  return `${attempt.cardBrand ?? "card"} •••• ${attempt.cardLast4}`;
}

function outcome(attempt: PaymentAttempt): string {
  if (attempt.decision === "block") return "Blocked by Radar: no PaymentIntent was created";
  if (!attempt.paymentIntentStatus) return "Not sent to the bank";
  return attempt.paymentIntentStatus === "succeeded"
    ? "Paid"
    : `PaymentIntent ${attempt.paymentIntentStatus.replaceAll("_", " ")}`;
}

/** In demo mode, whom the presenter's "Why?" beside a blocked attempt is about. */
export type AttemptPresenter = { mode: StripeConfig["mode"]; customerId: string | null };

/** Every try at paying an order, oldest first: its evaluation, its card and what happened. */
export function PaymentAttemptList({
  attempts,
  presenter,
}: {
  attempts: PaymentAttempt[];
  presenter?: AttemptPresenter | undefined;
}) {
  if (!attempts.length) {
    return <p className="text-sm text-slate-500">No payment attempt yet.</p>;
  }
  return (
    <ol className="space-y-3">
      {attempts.map((attempt, index) => (
        <li
          key={attempt.id}
          className="space-y-2 rounded-xl border border-slate-200 bg-white p-4 text-sm"
          data-testid="payment-attempt"
          data-decline-code={attempt.declineCode ?? ""}
          data-three-d-secure={attempt.threeDSecureResult ?? ""}
        >
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <h3 className="font-semibold">Attempt {index + 1}</h3>
            <LocalTime className="text-xs text-slate-500" date={attempt.createdAt} />
            <span className="font-medium" data-testid="attempt-card">
              {cardLabel(attempt)}
            </span>
          </div>
          <p data-testid="attempt-outcome">{outcome(attempt)}</p>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
            <dt className="text-slate-500">Payment Evaluation</dt>
            <dd className="min-w-0 break-all">
              {attempt.paymentEvaluationId ? (
                <Link
                  href={`/dashboard/evaluations/${attempt.id}`}
                  className="font-mono text-brand-700"
                  data-testid="payment-evaluation-id"
                >
                  {attempt.paymentEvaluationId}
                </Link>
              ) : (
                <span className="text-amber-700" data-testid="payment-evaluation-id">
                  Unavailable ({attempt.unavailableReason}): the payment went ahead
                </span>
              )}
            </dd>
            <dt className="text-slate-500">fraudulent_payment</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <ScoreBadge score={attempt.score} />
              <RiskLevelBadge level={attempt.riskLevel} />
              <span className="text-xs text-slate-600">
                Stripe recommends{" "}
                <code className="font-mono text-slate-900" data-testid="recommended-action">
                  {attempt.recommendedAction ?? "nothing"}
                </code>
                , the app decides
              </span>
              <DecisionBadge decision={attempt.decision} />
            </dd>
            {attempt.paymentIntentId ? (
              <>
                <dt className="text-slate-500">PaymentIntent</dt>
                <dd className="min-w-0 break-all font-mono">{attempt.paymentIntentId}</dd>
              </>
            ) : null}
            {attempt.threeDSecureResult ? (
              <>
                <dt className="text-slate-500">3D Secure</dt>
                <dd data-testid="three-d-secure">{THREE_D_SECURE[attempt.threeDSecureResult]}</dd>
              </>
            ) : null}
            {attempt.failureMessage ? (
              <>
                <dt className="text-slate-500">Why</dt>
                <dd className="text-red-700" data-testid="attempt-failure">
                  {attempt.failureMessage}
                  {attempt.declineCode ? (
                    <span className="ml-1 font-mono text-xs">({attempt.declineCode})</span>
                  ) : null}
                </dd>
              </>
            ) : null}
          </dl>
          {presenter && attempt.decision === "block" ? (
            <WhyDisclosure
              why={scoreWhy(
                { ...attempt, signal: "fraudulent_payment", customerId: presenter.customerId },
                presenter.mode,
              )}
            />
          ) : null}
          <JsonView value={attempt.evaluationRaw} label="Payment Evaluation as Stripe sent it" />
        </li>
      ))}
    </ol>
  );
}
