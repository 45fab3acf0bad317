import Link from "next/link";
import { DecisionBadge, RiskLevelBadge, ScoreBadge } from "@/components/risk-badges";
import type { EvaluationRow } from "@/lib/dashboard/list-evaluations";

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });

/** Columns on wide screens; below `sm` each row becomes a card, its labels shown beside values. */
const ROW =
  "grid gap-x-4 gap-y-1 px-4 py-3 sm:grid-cols-[8rem_9rem_4rem_6rem_5rem_minmax(0,1fr)_9rem] sm:items-center";

function Cell({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 items-center gap-2">
      <span className="w-20 shrink-0 text-xs text-slate-500 sm:hidden">{label}</span>
      {children}
    </div>
  );
}

/** Every evaluation, newest first: customer and payment evaluations in one list. */
export function EvaluationList({ rows }: { rows: EvaluationRow[] }) {
  if (!rows.length) {
    return (
      <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-500">
        No evaluation matches these filters.
      </p>
    );
  }
  return (
    <div className="rounded-xl border border-slate-200 bg-white text-sm">
      <div
        className={`${ROW} hidden border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase text-slate-500 sm:grid`}
        aria-hidden="true"
      >
        <span>Event</span>
        <span>Signal</span>
        <span>Score</span>
        <span>Risk level</span>
        <span>Decision</span>
        <span>User</span>
        <span>When</span>
      </div>
      <ul className="divide-y divide-slate-100">
        {rows.map((row) => (
          <li
            key={row.id}
            className={ROW}
            data-testid="evaluation-row"
            data-event={row.eventType}
            data-risk-level={row.riskLevel ?? ""}
            data-decision={row.decision}
            data-email={row.email}
          >
            <Cell label="Event">
              <Link
                href={`/dashboard/evaluations/${row.id}`}
                className="font-medium text-brand-600 hover:underline"
              >
                {row.eventType}
              </Link>
            </Cell>
            <Cell label="Signal">
              <span className="truncate font-mono text-xs">{row.signal ?? "–"}</span>
            </Cell>
            <Cell label="Score">
              <ScoreBadge score={row.score} />
            </Cell>
            <Cell label="Risk level">
              <RiskLevelBadge level={row.riskLevel} />
            </Cell>
            <Cell label="Decision">
              <DecisionBadge decision={row.decision} />
            </Cell>
            <Cell label="User">
              <span className="min-w-0 truncate" title={row.email}>
                {row.email}
                {row.userId ? null : (
                  <span className="ml-1 text-xs text-slate-500">(no account)</span>
                )}
              </span>
            </Cell>
            <Cell label="When">
              <time className="text-xs text-slate-500" dateTime={row.createdAt.toISOString()}>
                {dateTime.format(row.createdAt)}
              </time>
            </Cell>
          </li>
        ))}
      </ul>
    </div>
  );
}
