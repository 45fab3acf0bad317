import { JsonView } from "@/components/json-view";
import { LocalTime } from "@/components/local-time";
import { VerdictCells } from "@/components/risk-badges";
import { RowCell, RowList } from "@/components/row-cell";
import type { CustomerEvaluation } from "@/lib/generated/prisma/client";

/** Columns on wide screens; below `sm` each evaluation becomes a card. */
const ROW =
  "grid gap-x-4 gap-y-1 px-4 py-3 sm:grid-cols-[minmax(0,1.4fr)_8rem_4rem_6rem_5rem_minmax(0,1.2fr)_8rem] sm:items-start";

function reportLabel(evaluation: CustomerEvaluation): string {
  if (!evaluation.outcome) return "not decided";
  const status = {
    reported: "reported",
    pending: "waiting to be reported",
    none: "not reported: no evaluation",
    failed: "refused by Stripe",
  }[evaluation.reportStatus];
  return `${evaluation.outcome}, ${status}`;
}

/** Each Customer Evaluation with its signal, the policy's decision and the reported outcome. */
export function CustomerEvaluationTable({ evaluations }: { evaluations: CustomerEvaluation[] }) {
  return (
    <RowList
      grid={ROW}
      columns={["Event", "Signal", "Score", "Risk level", "Decision", "Reported outcome", "When"]}
    >
      {evaluations.map((evaluation) => (
        <li
          key={evaluation.id}
          data-testid="customer-evaluation"
          data-event={evaluation.eventType}
          data-risk-level={evaluation.riskLevel ?? ""}
          data-decision={evaluation.decision}
          className={ROW}
        >
          <div className="min-w-0">
            <div className="font-medium">{evaluation.eventType}</div>
            <div className="break-all font-mono text-xs text-slate-500">
              {evaluation.stripeId ?? (evaluation.refusedReason ? "refused" : "unavailable")}
            </div>
            {evaluation.unavailableReason ? (
              <div className="text-xs text-amber-700">{evaluation.unavailableReason}</div>
            ) : null}
            {evaluation.unreadableReason ? (
              <div className="text-xs text-amber-700" data-testid="unreadable-rule">
                unreadable response: {evaluation.decision} ({evaluation.unreadableReason})
              </div>
            ) : null}
            {evaluation.refusedReason ? (
              <div className="text-xs text-red-700">Stripe refused: {evaluation.refusedReason}</div>
            ) : null}
          </div>
          <RowCell label="Signal">
            <span className="truncate font-mono text-xs">{evaluation.signal ?? "–"}</span>
          </RowCell>
          <VerdictCells
            score={evaluation.score}
            riskLevel={evaluation.riskLevel}
            decision={evaluation.decision}
          />
          <RowCell label="Reported">
            <span className="text-xs">{reportLabel(evaluation)}</span>
          </RowCell>
          <RowCell label="When">
            <LocalTime className="text-xs text-slate-500" date={evaluation.createdAt} />
          </RowCell>
          <div className="min-w-0 sm:col-span-full">
            <JsonView value={evaluation.raw} />
          </div>
        </li>
      ))}
    </RowList>
  );
}
