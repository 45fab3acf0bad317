import Link from "next/link";
import { VerdictCells } from "@/components/risk-badges";
import { RowCell, RowList } from "@/components/row-cell";
import type { EvaluationRow } from "@/lib/dashboard/list-evaluations";

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });

/** Columns on wide screens; below `sm` each row becomes a card, its labels shown beside values. */
const ROW =
  "grid gap-x-4 gap-y-1 px-4 py-3 sm:grid-cols-[8rem_9rem_4rem_6rem_5rem_minmax(0,1fr)_9rem] sm:items-center";

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
      columns={["Event", "Signal", "Score", "Risk level", "Decision", "User", "When"]}
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
              className="font-medium text-brand-600 hover:underline"
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
          <RowCell label="User">
            <span className="min-w-0 truncate" title={row.email}>
              {row.email}
              {row.userId ? null : (
                <span className="ml-1 text-xs text-slate-500">(no account)</span>
              )}
            </span>
          </RowCell>
          <RowCell label="When">
            <time className="text-xs text-slate-500" dateTime={row.createdAt.toISOString()}>
              {dateTime.format(row.createdAt)}
            </time>
          </RowCell>
        </li>
      ))}
    </RowList>
  );
}
