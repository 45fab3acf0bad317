"use client";

import dynamic from "next/dynamic";
import type { Breakdown, Count, ScorePoint } from "@/lib/dashboard/evaluation-charts";

/**
 * The charts are drawn in the browser only: the page's Content-Security-Policy refuses inline
 * style attributes in server HTML, and the charts size themselves with them. Their code (recharts,
 * the largest module of any page) loads after the page, so it does not hold up the list.
 */
const ScoresScatter = dynamic(
  () => import("@/components/evaluation-chart-drawings").then((charts) => charts.ScoresScatter),
  { ssr: false },
);
const CountBars = dynamic(
  () => import("@/components/evaluation-chart-drawings").then((charts) => charts.CountBars),
  { ssr: false },
);

export function ScoresOverTimeChart({ points }: { points: ScorePoint[] }) {
  return (
    <figure className="h-64 min-w-0" data-testid="scores-chart">
      <ScoresScatter points={points} />
      <figcaption className="sr-only">Scores of the latest evaluations over time</figcaption>
    </figure>
  );
}

function CountChart({ title, counts, testId }: { title: string; counts: Count[]; testId: string }) {
  return (
    <figure className="h-56 min-w-0" data-testid={testId}>
      <figcaption className="text-sm font-medium text-slate-700">{title}</figcaption>
      <CountBars counts={counts} />
    </figure>
  );
}

export function BreakdownCharts({ breakdown }: { breakdown: Breakdown }) {
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      <CountChart title="By risk level" counts={breakdown.byRiskLevel} testId="risk-chart" />
      <CountChart title="By decision" counts={breakdown.byDecision} testId="decision-chart" />
    </div>
  );
}
