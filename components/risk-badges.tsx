import { RowCell } from "@/components/row-cell";
import { STRIPE_BANDS } from "@/lib/radar/policy";

const RISK_STYLES: Record<string, string> = {
  highest: "bg-red-100 text-red-800",
  elevated: "bg-amber-100 text-amber-800",
  normal: "bg-emerald-100 text-emerald-800",
  low: "bg-emerald-100 text-emerald-800",
};

const DECISION_STYLES: Record<string, string> = {
  block: "bg-red-700 text-white",
  review: "bg-amber-700 text-white",
  allow: "bg-emerald-700 text-white",
};

const pill = "inline-flex rounded-full px-2 py-0.5 text-xs font-medium";

export function RiskLevelBadge({ level }: { level: string | null }) {
  return (
    <span className={`${pill} ${RISK_STYLES[level ?? ""] ?? "bg-slate-100 text-slate-700"}`}>
      {level ?? "none"}
    </span>
  );
}

export function DecisionBadge({ decision }: { decision: string }) {
  return <span className={`${pill} ${DECISION_STYLES[decision] ?? ""}`}>{decision}</span>;
}

/** Stripe scores 0-100 in whole numbers; the colour follows Stripe's published bands. */
export function ScoreBadge({ score }: { score: number | null }) {
  if (score === null) return <span className={`${pill} bg-slate-100 text-slate-700`}>–</span>;
  const band =
    score >= STRIPE_BANDS.blockAtScore
      ? "highest"
      : score >= STRIPE_BANDS.reviewAtScore
        ? "elevated"
        : "normal";
  return (
    <span className={`${pill} tabular-nums ${RISK_STYLES[band]}`} data-testid="score">
      {Math.round(score)}
    </span>
  );
}

/** Score, risk level and decision as three cells of an evaluation list's row. */
export function VerdictCells({
  score,
  riskLevel,
  decision,
}: {
  score: number | null;
  riskLevel: string | null;
  decision: string;
}) {
  return (
    <>
      <RowCell label="Score">
        <ScoreBadge score={score} />
      </RowCell>
      <RowCell label="Risk level">
        <RiskLevelBadge level={riskLevel} />
      </RowCell>
      <RowCell label="Decision">
        <DecisionBadge decision={decision} />
      </RowCell>
    </>
  );
}
