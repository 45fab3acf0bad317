import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  Fact,
  Facts,
  LinksSection,
  OutcomeSection,
  Section,
} from "@/app/dashboard/evaluations/[id]/sections";
import { JsonView } from "@/components/json-view";
import { LocalTime } from "@/components/local-time";
import { OperatorRefusal } from "@/components/operator-refusal";
import { DecisionBadge, RiskLevelBadge, ScoreBadge } from "@/components/risk-badges";
import { WhyThisScore } from "@/components/why-this-score";
import { checkOperator } from "@/lib/auth/operator";
import { config } from "@/lib/config";
import { findEvaluation } from "@/lib/dashboard/find-evaluation";
import { db } from "@/lib/db/client";
import { scoreWhy } from "@/lib/radar/score-explanation";

export const metadata: Metadata = { title: "Evaluation" };

/**
 * One evaluation, in sections: the decision and the rule that made it, what became of it, what it
 * relates to, and Stripe's object as received. A section is one component; add new ones here.
 */
export default async function EvaluationPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await checkOperator();
  if (access.kind === "refused") return <OperatorRefusal access={access} />;
  const found = await findEvaluation(db(), (await params).id, config.policy);
  if (!found) notFound();
  const summary =
    found.kind === "customer"
      ? {
          title: `${found.evaluation.eventType} evaluation`,
          stripeId: found.evaluation.stripeId,
          signal: found.evaluation.signal,
          score: found.evaluation.score,
          riskLevel: found.evaluation.riskLevel,
          decision: found.evaluation.decision,
          unavailableReason: found.evaluation.unavailableReason,
          unreadableReason: found.evaluation.unreadableReason,
          refusedReason: found.evaluation.refusedReason,
          api: `${found.evaluation.radarApi} ${found.evaluation.apiVersion ?? ""}`.trim(),
          createdAt: found.evaluation.createdAt,
          raw: found.evaluation.raw,
          factors: found.evaluation.factors,
          customerId: found.evaluation.stripeCustomerId,
        }
      : {
          title: "payment evaluation",
          stripeId: found.attempt.paymentEvaluationId,
          signal: "fraudulent_payment",
          score: found.attempt.score,
          riskLevel: found.attempt.riskLevel,
          decision: found.attempt.decision,
          unavailableReason: found.attempt.unavailableReason,
          unreadableReason: null,
          refusedReason: null,
          api: null,
          createdAt: found.attempt.createdAt,
          raw: found.attempt.evaluationRaw,
          factors: found.attempt.factors,
          customerId: null,
        };

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Link href="/dashboard" className="text-sm text-brand-700">
          ← Dashboard
        </Link>
        <h1 className="text-2xl font-semibold first-letter:uppercase">{summary.title}</h1>
        <p className="break-all font-mono text-sm text-slate-500" data-testid="stripe-id">
          {summary.stripeId ??
            (summary.refusedReason
              ? `refused by Stripe: ${summary.refusedReason}`
              : `unavailable: ${summary.unavailableReason}`)}
        </p>
      </div>

      <Section title="Decision" testId="decision">
        <Facts>
          <Fact label="Signal">
            <span className="font-mono">{summary.signal ?? "–"}</span>
          </Fact>
          <Fact label="Score">
            <ScoreBadge score={summary.score} />
          </Fact>
          <Fact label="Risk level">
            <RiskLevelBadge level={summary.riskLevel} />
          </Fact>
          <Fact label="Decision">
            <DecisionBadge decision={summary.decision} />
          </Fact>
          <Fact label="Policy rule">
            <span className="font-mono" data-testid="policy-rule">
              {found.rule}
            </span>
          </Fact>
          {summary.api ? (
            <Fact label="Radar API">
              <span className="font-mono">{summary.api}</span>
            </Fact>
          ) : null}
          {summary.unreadableReason ? (
            <Fact label="Answer">
              <span className="text-amber-700" data-testid="unreadable-reason">
                unreadable: {summary.unreadableReason}
              </span>
            </Fact>
          ) : null}
          <Fact label="When">
            <LocalTime date={summary.createdAt} />
          </Fact>
        </Facts>
      </Section>
      <Section title="Why this score" testId="why-section">
        <WhyThisScore why={scoreWhy(summary, config.stripe.mode)} />
      </Section>
      <OutcomeSection found={found} />
      <LinksSection found={found} />
      <Section title="Stripe's object" testId="raw-object">
        {summary.raw ? (
          <JsonView
            value={summary.raw}
            label={
              summary.unreadableReason
                ? "As Stripe returned it, whole: the app could not read it"
                : "As Stripe returned it"
            }
          />
        ) : (
          <p className="text-sm text-slate-500">None: the evaluation was unavailable.</p>
        )}
      </Section>
    </div>
  );
}
