/**
 * `npm run bench:dashboard`: the dashboard's list queries at 100,000 evaluations, on the embedded
 * database and on PostgreSQL, each against a plain Prisma `findMany` of the same rows (by
 * primary key, both tables at once, as the page reads them) measured in the same run.
 * Options: `--count <n>` (default 100000), `--runs <n>` (default 200), `--only embedded|postgres`.
 * PostgreSQL: TEST_POSTGRES_URL, or postgresql://postgres@127.0.0.1:5432/postgres; a database
 * of its own is created there and dropped afterwards.
 */
import { parseArgs } from "node:util";
import type { Cursor, EvaluationFilter } from "@/lib/dashboard/filters";
import { type EvaluationRow, listEvaluations, PAGE_SIZE } from "@/lib/dashboard/list-evaluations";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { seedEvaluations } from "@/lib/testing/seed-evaluations";
import {
  createEmbedded,
  createOnPostgres,
  migratedPrisma,
  type TestDatabase,
} from "@/lib/testing/test-databases";

type Case = { name: string; filter: EvaluationFilter; skip: number };

const CASES: Case[] = [
  { name: "first page", filter: {}, skip: 0 },
  { name: "filtered: risk highest", filter: { risk: "highest" }, skip: 0 },
  { name: "filtered: login, review", filter: { event: "login", decision: "review" }, skip: 0 },
  { name: "filtered: one user", filter: { who: "seed.7@example.com" }, skip: 0 },
  { name: "page 21 (1,000 rows in)", filter: {}, skip: 20 },
];

const DATABASES = {
  embedded: { label: "embedded PGlite", open: createEmbedded },
  postgres: {
    label: "PostgreSQL",
    open: () =>
      createOnPostgres(
        process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
      ),
  },
} as const;

/** The plain query: the same rows, read by primary key from each table. */
async function plainFindMany(prisma: PrismaClient, rows: EvaluationRow[]) {
  const ids = (kind: EvaluationRow["kind"]) =>
    rows.filter((row) => row.kind === kind).map((row) => row.id);
  return Promise.all([
    prisma.customerEvaluation.findMany({ where: { id: { in: ids("customer") } } }),
    prisma.paymentAttempt.findMany({ where: { id: { in: ids("payment") } } }),
  ]);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

type Timing = { median: number; p95: number };

/** Runs both in turn, so that drift on the machine hits both alike. */
async function timeBoth(
  runs: number,
  dashboard: () => Promise<unknown>,
  plain: () => Promise<unknown>,
): Promise<[Timing, Timing]> {
  const samples: [number[], number[]] = [[], []];
  const fns = [dashboard, plain];
  for (let run = 0; run < runs + 20; run += 1) {
    for (const [index, fn] of fns.entries()) {
      const started = performance.now();
      await fn();
      if (run >= 20) samples[index]?.push(performance.now() - started);
    }
  }
  return samples.map((list) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { median: percentile(sorted, 50), p95: percentile(sorted, 95) };
  }) as [Timing, Timing];
}

async function cursorAfter(prisma: PrismaClient, filter: EvaluationFilter, pages: number) {
  let cursor: Cursor | null = null;
  for (let page = 0; page < pages; page += 1) {
    cursor = (await listEvaluations(prisma, filter, cursor)).nextCursor;
  }
  return cursor;
}

const ms = (value: number) => value.toFixed(2).padStart(8);

async function benchDatabase(label: string, database: TestDatabase, count: number, runs: number) {
  const prisma = await migratedPrisma(database);
  try {
    const seeding = performance.now();
    await seedEvaluations(prisma, { count, newest: new Date() });
    await prisma.$executeRawUnsafe(`ANALYZE`);
    console.log(
      `\n== ${label}: ${count.toLocaleString("en-US")} evaluations seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s; ${runs} runs each, page of ${PAGE_SIZE} ==`,
    );
    console.log(
      "case                        rows  dashboard median / p95 (ms)   findMany median / p95 (ms)   ratio (median)",
    );
    const ratios: number[] = [];
    for (const test of CASES) {
      const cursor = await cursorAfter(prisma, test.filter, test.skip);
      const { rows } = await listEvaluations(prisma, test.filter, cursor);
      const [dashboard, plain] = await timeBoth(
        runs,
        () => listEvaluations(prisma, test.filter, cursor),
        () => plainFindMany(prisma, rows),
      );
      const ratio = dashboard.median / plain.median;
      ratios.push(ratio);
      console.log(
        `${test.name.padEnd(26)} ${String(rows.length).padStart(5)}  ${ms(dashboard.median)} / ${ms(dashboard.p95)}          ${ms(plain.median)} / ${ms(plain.p95)}          ${ratio.toFixed(2)}x`,
      );
    }
    return ratios;
  } finally {
    await prisma.$disconnect();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "100000" },
      runs: { type: "string", default: "200" },
      only: { type: "string" },
    },
  });
  const count = Number(values.count);
  const runs = Number(values.runs);
  if (!Number.isInteger(count) || count < 8 || !Number.isInteger(runs) || runs < 1) {
    throw new Error("--count must be an integer of at least 8 and --runs a positive integer");
  }
  let worst = 0;
  for (const [kind, { label, open }] of Object.entries(DATABASES)) {
    if (values.only && values.only !== kind) continue;
    const database = await open();
    try {
      worst = Math.max(worst, ...(await benchDatabase(label, database, count, runs)));
    } finally {
      await database.dispose();
    }
  }
  console.log(
    `\nTarget: the dashboard's query at most 2x the plain findMany. Worst ratio: ${worst.toFixed(2)}x (${worst <= 2 ? "met" : "missed"}).`,
  );
}

await main();
