import type { Metadata } from "next";
import { BreakdownCharts, ScoresOverTimeChart } from "@/components/evaluation-charts";
import { EvaluationList } from "@/components/evaluation-list";
import { FilterForm, PageLinks, SelectFilter, TextFilter } from "@/components/filter-fields";
import { OperatorRefusal } from "@/components/operator-refusal";
import { checkOperator } from "@/lib/auth/operator";
import { evaluationBreakdown, scoresOverTime } from "@/lib/dashboard/evaluation-charts";
import {
  DECISIONS,
  dashboardHref,
  EVENT_TYPES,
  parseDashboardQuery,
  RISK_FILTERS,
  type SearchParams,
  SIGNALS,
} from "@/lib/dashboard/filters";
import { listEvaluations } from "@/lib/dashboard/list-evaluations";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  // Other people's evaluations: operators only (open with the emulator).
  const access = await checkOperator();
  if (access.kind === "refused") return <OperatorRefusal access={access} />;
  const { filter, cursor, errors } = parseDashboardQuery(await searchParams);
  const prisma = db();
  const [page, points, breakdown] = await Promise.all([
    listEvaluations(prisma, filter, cursor),
    scoresOverTime(prisma),
    evaluationBreakdown(prisma),
  ]);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Dashboard</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every Radar evaluation this app asked for, newest first: sign-ups and log-ins (Customer
          Evaluations, including those blocked before an account existed) and payments (Payment
          Evaluations).
        </p>
      </div>

      <section className="grid gap-6 rounded-xl border border-slate-200 bg-white p-4 lg:grid-cols-2">
        <div className="min-w-0">
          <h2 className="text-sm font-medium text-slate-700">Scores over time</h2>
          <ScoresOverTimeChart points={points} />
        </div>
        <div className="min-w-0">
          <h2 className="mb-2 text-sm font-medium text-slate-700">The last 30 days</h2>
          <BreakdownCharts breakdown={breakdown} />
        </div>
      </section>

      <FilterForm action="/dashboard" label="Filter evaluations">
        <SelectFilter name="event" label="Event type" options={EVENT_TYPES} value={filter.event} />
        <SelectFilter name="signal" label="Signal" options={SIGNALS} value={filter.signal} />
        <SelectFilter name="risk" label="Risk level" options={RISK_FILTERS} value={filter.risk} />
        <SelectFilter
          name="decision"
          label="Decision"
          options={DECISIONS}
          value={filter.decision}
        />
        <TextFilter
          name="who"
          label="User ID or email"
          placeholder="jenny@example.com"
          value={filter.who}
          wide
        />
      </FilterForm>
      {errors.length ? (
        <ul className="space-y-1 text-sm text-red-700" data-testid="filter-errors">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}

      <EvaluationList rows={page.rows} />
      <PageLinks
        newest={cursor ? dashboardHref(filter) : null}
        older={page.nextCursor ? dashboardHref(filter, page.nextCursor) : null}
      />
    </div>
  );
}
