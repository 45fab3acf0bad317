import { JsonView } from "@/components/json-view";
import { DecisionBadge, RiskLevelBadge, ScoreBadge } from "@/components/risk-badges";
import type { CustomerEvaluation } from "@/lib/generated/prisma/client";

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });

function reportLabel(evaluation: CustomerEvaluation): string {
  if (!evaluation.outcome) return "not decided";
  const reason = evaluation.outcomeReason ? ` (${evaluation.outcomeReason})` : "";
  const status = {
    reported: "reported",
    pending: "waiting to be reported",
    none: "not reported: no evaluation",
    failed: "refused by Stripe",
  }[evaluation.reportStatus];
  return `${evaluation.outcome}${reason}, ${status}`;
}

/** Each Customer Evaluation with its signal, the policy's decision and the reported outcome. */
export function CustomerEvaluationTable({ evaluations }: { evaluations: CustomerEvaluation[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase text-slate-500">
          <tr>
            <th className="px-4 py-2">Event</th>
            <th className="px-4 py-2">Signal</th>
            <th className="px-4 py-2">Score</th>
            <th className="px-4 py-2">Risk level</th>
            <th className="px-4 py-2">Decision</th>
            <th className="px-4 py-2">Reported outcome</th>
            <th className="px-4 py-2">When</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {evaluations.map((evaluation) => (
            <tr
              key={evaluation.id}
              data-testid="customer-evaluation"
              data-event={evaluation.eventType}
              data-risk-level={evaluation.riskLevel ?? ""}
              data-decision={evaluation.decision}
              className="align-top"
            >
              <td className="px-4 py-2">
                <div className="font-medium">{evaluation.eventType}</div>
                <div className="font-mono text-xs text-slate-500">
                  {evaluation.stripeId ?? "unavailable"}
                </div>
                {evaluation.unavailableReason ? (
                  <div className="text-xs text-amber-700">{evaluation.unavailableReason}</div>
                ) : null}
                <JsonView value={evaluation.raw} />
              </td>
              <td className="px-4 py-2 font-mono text-xs">{evaluation.signal ?? "–"}</td>
              <td className="px-4 py-2">
                <ScoreBadge score={evaluation.score} />
              </td>
              <td className="px-4 py-2">
                <RiskLevelBadge level={evaluation.riskLevel} />
              </td>
              <td className="px-4 py-2">
                <DecisionBadge decision={evaluation.decision} />
              </td>
              <td className="px-4 py-2 text-xs">{reportLabel(evaluation)}</td>
              <td className="px-4 py-2 text-xs text-slate-500">
                {dateTime.format(evaluation.createdAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
