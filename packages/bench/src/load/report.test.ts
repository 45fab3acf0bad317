import { describe, expect, it } from "vitest";
import { type FlowRow, formatTargets, rowCells } from "./report";
import type { FlowResult } from "./run-flow";

function result(name: string, firsts: number[], later: number[]): FlowResult<unknown> {
  const answers = firsts.length + later.length;
  return {
    name,
    sent: [],
    successes: answers,
    failures: 0,
    failureReasons: new Map(),
    non2xx3xx: 0,
    errors: 0,
    firstLatenciesMs: firsts,
    laterLatenciesMs: later,
    elapsedS: 10,
  };
}

const row = (connections: number, flow: FlowResult<unknown>): FlowRow => ({
  database: "embedded",
  connections,
  result: flow,
  split: undefined,
});

/** `count` answers of `ms` each. */
const answers = (count: number, ms: number) => Array.from({ length: count }, () => ms);

describe("formatTargets", () => {
  it("misses p99 on the slow first answers and says what the later answers took", () => {
    const app = result("registration", [4_000, 6_000, 2_000], answers(197, 500));
    const limit = result("registration (limit)", [400, 400, 400], answers(797, 300));
    const lines = formatTargets([row(50, app), row(50, limit)]);
    expect(lines).toContain(
      "  MISSED embedded, 50 clients, registration: p99 2000 ms, under 1000 ms (first answers on the 3 new connections: median 4000 ms, slowest 6000; the later answers' p99 500 ms)",
    );
    expect(lines).toContain(
      "  MISSED embedded, 50 clients, registration: 20.0/s, at least half the limit's 80.0/s",
    );
  });

  it("meets p99 when every answer is fast, first or not", () => {
    const app = result("checkout", answers(50, 300), answers(550, 400));
    const limit = result("checkout (limit)", answers(50, 100), answers(950, 100));
    expect(formatTargets([row(50, app), row(50, limit)])).toContain(
      "  met    embedded, 50 clients, checkout: p99 400 ms, under 1000 ms (first answers on the 50 new connections: median 300 ms, slowest 300; the later answers' p99 400 ms)",
    );
  });

  it("compares one client's median with its limit's", () => {
    const app = result("log-in", [60], answers(199, 30));
    const limit = result("log-in (limit)", [25], answers(299, 18));
    expect(formatTargets([row(1, app), row(1, limit)])).toContain(
      "  met    embedded, 1 client, log-in: adds 12 ms to the limit's 18 ms median (at most 15 ms)",
    );
  });

  it("says what it can when no connection was answered", () => {
    const app = result("checkout", [], []);
    const limit = result("checkout (limit)", answers(50, 100), answers(950, 100));
    expect(formatTargets([row(50, app), row(50, limit)])).toContain(
      "  MISSED embedded, 50 clients, checkout: p99 - ms, under 1000 ms (first answers on the 0 new connections: median - ms, slowest -; the later answers' p99 - ms)",
    );
  });
});

describe("rowCells", () => {
  it("counts first and later answers alike in the percentiles", () => {
    const cells = rowCells(row(50, result("log-in", answers(10, 5_000), answers(90, 100))));
    // p50, p95, p99
    expect(cells.slice(5, 8)).toEqual(["100", "5000", "5000"]);
  });
});
