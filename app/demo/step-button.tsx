"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { DemoStepResult } from "@/app/demo/actions";
import { useDemoRun } from "@/app/demo/demo-run";
import { DecisionBadge, RiskLevelBadge, ScoreBadge } from "@/components/risk-badges";
import { WhyDisclosure } from "@/components/why-this-score";
import { type BrowserStripeConfig, createRadarSession } from "@/lib/stripe/load-stripe-js";

/**
 * One numbered step of a scenario: a button that runs it (with a Radar Session from this
 * browser's Stripe.js when the step happens here) and what Radar said, read back from the app.
 */
export function StepButton({
  label,
  run,
  stripe,
  testId,
}: {
  label: string;
  /** Called with this browser's Radar Session when `stripe` is given. */
  run: (radarSession: string | undefined) => Promise<DemoStepResult>;
  stripe?: BrowserStripeConfig;
  testId: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const demo = useDemoRun();
  const [answers, setAnswers] = useState<{ id: number; run: number; result: DemoStepResult }[]>([]);
  const results = answers.filter((answer) => answer.run === demo.run);
  const click = async () => {
    setPending(true);
    try {
      const radarSession = stripe ? await createRadarSession(stripe) : undefined;
      const result = await run(radarSession);
      setAnswers((previous) => [{ id: previous.length, run: demo.run, result }, ...previous]);
      router.refresh();
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="space-y-2" data-testid={testId}>
      <button
        type="button"
        onClick={click}
        disabled={pending}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Running…" : label}
      </button>
      <ul className="space-y-1" aria-live="polite">
        {results.map(({ id, result }) => (
          <li key={id} data-testid="step-result" className="text-sm">
            {result.kind === "done" ? (
              <div className="space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-mono text-xs text-slate-500">{result.outcome.signal}</span>
                  <ScoreBadge score={result.outcome.score} />
                  <span data-testid="step-risk-level">
                    <RiskLevelBadge level={result.outcome.riskLevel} />
                  </span>
                  <span data-testid="step-decision">
                    <DecisionBadge decision={result.outcome.decision} />
                  </span>
                  <a href={result.outcome.href} className="break-all text-brand-700 underline">
                    {result.outcome.summary}
                  </a>
                  {result.outcome.unavailableReason ? (
                    <span className="text-slate-600">
                      Radar unavailable: {result.outcome.unavailableReason}
                    </span>
                  ) : null}
                </div>
                <WhyDisclosure why={result.outcome.why} />
              </div>
            ) : (
              <span role="alert" className="text-red-700">
                {result.message}
              </span>
            )}
            <p className="text-xs text-slate-600" data-testid="step-signed-in">
              {result.signedInAs
                ? `This browser is signed in as ${result.signedInAs}.`
                : "This browser is signed out."}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
