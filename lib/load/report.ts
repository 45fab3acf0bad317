import { type FlowResult, percentile } from "@/lib/load/run-flow";

export type FlowRow = {
  database: string;
  result: FlowResult<unknown>;
  serverRssMiB: number | undefined;
  emulatorRssMiB: number | undefined;
};

const HEADER = [
  "database",
  "flow",
  "requests",
  "successes",
  "req/s",
  "ok/s",
  "p50 ms",
  "p95 ms",
  "p99 ms",
  "non-2xx/3xx",
  "errors",
  "server RSS MiB",
  "emulator RSS MiB",
];

const fixed = (value: number | undefined, digits = 0) =>
  value === undefined || Number.isNaN(value) ? "-" : value.toFixed(digits);

export function rowCells({ database, result, serverRssMiB, emulatorRssMiB }: FlowRow): string[] {
  const seconds = result.elapsedS || Number.NaN;
  const answered = result.successes + result.failures;
  return [
    database,
    result.name,
    String(result.sent.length),
    String(result.successes),
    fixed(answered / seconds, 1),
    fixed(result.successes / seconds, 1),
    fixed(percentile(result.latenciesMs, 50)),
    fixed(percentile(result.latenciesMs, 95)),
    fixed(percentile(result.latenciesMs, 99)),
    String(result.non2xx3xx),
    String(result.errors),
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
        column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
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
      ({ database, result }) =>
        `${database} ${result.name} refused: ${[...result.failureReasons]
          .map(([reason, count]) => `${count} ${reason}`)
          .join(", ")}`,
    );
}
