import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { VerdictCells } from "@/components/risk-badges";
import { RowCell, RowList } from "@/components/row-cell";
import type { EvaluationRow } from "@/lib/dashboard/list-evaluations";

/** Columns on wide screens; below `sm` each row becomes a card, its labels shown beside values. */
const ROW =
  "grid gap-x-3 gap-y-1 px-4 py-3 sm:grid-cols-[5.5rem_9rem_2.75rem_4.75rem_4rem_9.5rem_minmax(0,1fr)_8rem] sm:items-center";

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
    <RowList
      grid={ROW}
      columns={["Event", "Signal", "Score", "Risk level", "Decision", "Outcome", "User", "When"]}
    >
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
          <RowCell label="Event">
            <Link
              href={`/dashboard/evaluations/${row.id}`}
              className="font-medium text-brand-700 hover:underline"
            >
              {row.eventType}
            </Link>
          </RowCell>
          <RowCell label="Signal">
            <span className="min-w-0">
              <span className="block truncate font-mono text-xs">{row.signal ?? "–"}</span>
              {row.unavailableReason ? (
                <span
                  className="block truncate text-xs text-amber-700"
                  title={row.unavailableReason}
                  data-testid="unavailable-reason"
                >
                  {row.unavailableReason}
                </span>
              ) : null}
            </span>
          </RowCell>
          <VerdictCells score={row.score} riskLevel={row.riskLevel} decision={row.decision} />
          <RowCell label="Outcome">
            <span className="truncate font-mono text-xs" data-testid="evaluation-outcome">
              {row.outcome ?? "–"}
            </span>
          </RowCell>
          <RowCell label="User">
            <span className="min-w-0 truncate" title={row.email}>
              {row.email}
              {row.userId ? null : (
                <span className="ml-1 text-xs text-slate-500">(no account)</span>
              )}
            </span>
          </RowCell>
          <RowCell label="When">
            <LocalTime className="text-xs text-slate-500" date={row.createdAt} />
          </RowCell>
        </li>
      ))}
    </RowList>
  );
}
