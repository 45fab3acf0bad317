import { type FlowResult, latencies, percentile } from "./run-flow";
import type { SpanSplit } from "./span-split";

export type FlowRow = {
  database: string;
  connections: number;
  /** An open-loop run's arrivals per second, in place of its number of clients. */
  openLoopRatePerS?: number | undefined;
  result: FlowResult<unknown>;
  /** The server's own account of the flow's time; none for a limit row. */
  split: SpanSplit | undefined;
  serverRssMiB?: number | undefined;
  emulatorRssMiB?: number | undefined;
  /** CPU time the server and the emulator used during the flow, per answer. */
  serverCpuMs?: number | undefined;
  /** Of the server's, its main thread's: the event loop's own work. */
  mainThreadCpuMs?: number | undefined;
  emulatorCpuMs?: number | undefined;
  /** CPU time the whole machine used during the flow or its limit, per answer. */
  machineCpuMs?: number | undefined;
};

const HEADER = [
  "database",
  "clients",
  "flow",
  "answered",
  "ok/s",
  "p50 ms",
  "p95 ms",
  "p99 ms",
  "errors",
  "server ms",
  "database (n)",
  "Stripe (n)",
  "rest",
  "server CPU ms",
  "main thread",
  "emulator CPU ms",
  "machine CPU ms",
  "server RSS MiB",
  "emulator RSS MiB",
];
const TEXT_COLUMNS = 3;

const fixed = (value: number | undefined, digits = 0) =>
  value === undefined || Number.isNaN(value) ? "-" : value.toFixed(digits);

const withCount = (ms: number | undefined, count: number | undefined) =>
  ms === undefined ? "-" : `${fixed(ms)} (${fixed(count, 1)})`;

export function rowCells({
  database,
  connections,
  openLoopRatePerS,
  result,
  split,
  serverRssMiB,
  emulatorRssMiB,
  serverCpuMs,
  mainThreadCpuMs,
  emulatorCpuMs,
  machineCpuMs,
}: FlowRow): string[] {
  const seconds = result.elapsedS || Number.NaN;
  const latenciesMs = latencies(result);
  return [
    database,
    openLoopRatePerS === undefined ? String(connections) : `${fixed(openLoopRatePerS, 1)}/s`,
    result.name,
    String(result.successes + result.failures),
    fixed(result.successes / seconds, 1),
    fixed(percentile(latenciesMs, 50)),
    fixed(percentile(latenciesMs, 95)),
    fixed(percentile(latenciesMs, 99)),
    String(result.errors + result.non2xx3xx),
    fixed(split?.totalMs),
    withCount(split?.ms.database, split?.calls.database),
    withCount(split?.ms.stripe, split?.calls.stripe),
    fixed(split?.otherMs),
    fixed(serverCpuMs, 1),
    fixed(mainThreadCpuMs, 1),
    fixed(emulatorCpuMs, 1),
    fixed(machineCpuMs, 1),
    fixed(serverRssMiB),
    fixed(emulatorRssMiB),
  ];
}

/** A plain-text table, numbers right-aligned. */
export function formatTable(rows: FlowRow[]): string {
  const cells = [HEADER, ...rows.map(rowCells)];
  const widths = HEADER.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? "").length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column < TEXT_COLUMNS && column !== 1
          ? cell.padEnd(widths[column] ?? 0)
          : cell.padStart(widths[column] ?? 0),
      )
      .join("  ");
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [line(HEADER), rule, ...cells.slice(1).map(line)].join("\n");
}

/** Why requests failed, per flow, when any did. */
export function formatFailures(rows: FlowRow[]): string[] {
  return rows
    .filter(({ result }) => result.failureReasons.size > 0)
    .map(
      ({ database, connections, result }) =>
        `${database} ${connections} clients ${result.name} refused: ${[...result.failureReasons]
          .map(([reason, count]) => `${count} ${reason}`)
          .join(", ")}`,
    );
}

const RSS_TARGET_MIB = 400;
const P99_TARGET_MS = 1_000;

/**
 * How the first answer on each new connection compares with the rest: under load the server's
 * event loop accepts one waiting connection per turn, so the clients that connect together at
 * the start of a flow wait their turn before their first request is read.
 */
function connectionStart({ firstLatenciesMs, laterLatenciesMs }: FlowResult<unknown>): string {
  return `first answers on the ${firstLatenciesMs.length} new connections: median ${fixed(percentile(firstLatenciesMs, 50))} ms, slowest ${fixed(percentile(firstLatenciesMs, 100))}; the later answers' p99 ${fixed(percentile(laterLatenciesMs, 99))} ms`;
}

/**
 * The app's targets, each met or missed:
 * - one client: the app adds at most max(20 %, 15 ms) to its limit's median;
 * - fifty clients: registrations and log-ins at least half their limit's throughput, every
 *   flow's p99 under 1 s, and the server's RSS under 400 MiB after the run.
 */
export function formatTargets(rows: FlowRow[]): string[] {
  const lines: string[] = ["Targets"];
  const check = (met: boolean, text: string) =>
    lines.push(`  ${met ? "met   " : "MISSED"} ${text}`);
  const apps = rows.filter((row) => !row.result.name.endsWith("(limit)"));
  for (const app of apps) {
    const limit = rows.find(
      (row) =>
        row.database === app.database &&
        row.connections === app.connections &&
        row.result.name === `${app.result.name} (limit)`,
    );
    if (!limit) continue;
    const where = `${app.database}, ${app.connections} client${app.connections === 1 ? "" : "s"}, ${app.result.name}`;
    if (app.connections === 1) {
      const appMs = percentile(latencies(app.result), 50);
      const limitMs = percentile(latencies(limit.result), 50);
      const allowed = Math.max(0.2 * limitMs, 15);
      check(
        appMs - limitMs <= allowed,
        `${where}: adds ${fixed(appMs - limitMs)} ms to the limit's ${fixed(limitMs)} ms median (at most ${fixed(allowed)} ms)`,
      );
      continue;
    }
    const rate = (row: FlowRow) => row.result.successes / (row.result.elapsedS || Number.NaN);
    if (app.result.name !== "checkout") {
      check(
        rate(app) >= 0.5 * rate(limit),
        `${where}: ${fixed(rate(app), 1)}/s, at least half the limit's ${fixed(rate(limit), 1)}/s`,
      );
    }
    const p99 = percentile(latencies(app.result), 99);
    check(
      p99 < P99_TARGET_MS,
      `${where}: p99 ${fixed(p99)} ms, under ${P99_TARGET_MS} ms (${connectionStart(app.result)})`,
    );
  }
  const busiest = Math.max(...rows.map((row) => row.connections));
  for (const database of new Set(rows.map((row) => row.database))) {
    const last = rows.filter(
      (row) => row.database === database && row.connections === busiest && row.serverRssMiB,
    );
    const rss = last.at(-1)?.serverRssMiB;
    if (rss === undefined) continue;
    check(
      rss < RSS_TARGET_MIB,
      `${database}: server RSS ${fixed(rss)} MiB after the ${busiest}-client run, under ${RSS_TARGET_MIB} MiB`,
    );
  }
  return lines;
}
