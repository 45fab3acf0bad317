import { resolve } from "node:path";
import { type StartedEmulator, startEmulator } from "../src/index.ts";
import { evaluationBodies, measure, startBareServer } from "./workload.ts";

/**
 * This package's sources against another copy of them (a baseline: for example
 * `git worktree add /tmp/baseline HEAD~1`), on the benchmark's workload: the bare server, the
 * baseline and these sources take turns at 50 concurrent clients for several rounds, so that
 * all three see the same machine load; then each creates 100,000 evaluations in a fresh
 * emulator and reports its memory.
 *
 *   npx tsx bench/compare.ts /tmp/baseline/packages/stripe-emulator
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 4);
const TOTAL_EVALUATIONS = Number(process.env.BENCH_TOTAL_EVALUATIONS ?? 100_000);

type Start = () => Promise<StartedEmulator>;

const baselineDir = process.argv[2];
if (!baselineDir) throw new Error("Usage: tsx bench/compare.ts <baseline package directory>");
const baseline = (await import(resolve(baselineDir, "src", "index.ts"))) as {
  startEmulator: Start;
};
const versions: [string, Start][] = [
  ["baseline", baseline.startEmulator],
  ["current", startEmulator],
];

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function throughput(): Promise<void> {
  const bare = await startBareServer();
  const targets: { name: string; url: string; bodies: string[]; emulator?: StartedEmulator }[] = [];
  try {
    for (const [name, start] of versions) {
      const emulator = await start();
      const bodies = await evaluationBodies(emulator.url);
      await measure(emulator.url, bodies, 10, { amount: 2000 });
      targets.push({ name, url: emulator.url, bodies, emulator });
    }
    targets.unshift({ name: "bare", url: bare.url, bodies: targets[0]?.bodies ?? [] });
    const rates = new Map(targets.map((target) => [target.name, [] as number[]]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
        const measured = await measure(target.url, target.bodies, 50, { duration: DURATION_S });
        if (measured.errors) console.log(`  ${target.name}: ${measured.errors} errors`);
        rates.get(target.name)?.push(measured.requestsPerSecond);
      }
    }
    const bareRates = rates.get("bare") ?? [];
    console.log(
      `Customer evaluations at 50 concurrent clients, ${ROUNDS} rounds of ${DURATION_S} s:`,
    );
    for (const [name, values] of rates) {
      const ratios = values.map((value, i) => value / (bareRates[i] ?? value));
      console.log(
        `${name.padEnd(9)} median ${median(values).toFixed(0).padStart(6)} req/s` +
          (name === "bare" ? "" : `, ${median(ratios).toFixed(2)} x bare`) +
          `   (${values.map((value) => value.toFixed(0)).join(", ")})`,
      );
    }
  } finally {
    for (const target of targets) await target.emulator?.stop();
    bare.child.kill();
  }
}

async function memory(): Promise<void> {
  console.log(`\nAfter ${TOTAL_EVALUATIONS} evaluations in a fresh emulator:`);
  for (const [name, start] of versions) {
    const emulator = await start();
    try {
      const bodies = await evaluationBodies(emulator.url);
      await measure(emulator.url, bodies, 20, { amount: TOTAL_EVALUATIONS });
      const health = (await fetch(`${emulator.url}/_emulator/health`).then((r) => r.json())) as {
        rss_bytes: number;
        heap_used_bytes: number;
      };
      const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
      console.log(
        `${name.padEnd(9)} RSS ${mb(health.rss_bytes)} MB, JS heap in use ${mb(health.heap_used_bytes)} MB`,
      );
    } finally {
      await emulator.stop();
    }
  }
}

await throughput();
await memory();
