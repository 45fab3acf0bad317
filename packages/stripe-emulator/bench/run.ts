import { startEmulator } from "../src/index.ts";
import { evaluationBodies, type Measured, measure, row, startBareServer } from "./workload.ts";

/**
 * Customer-evaluation creation throughput and latency against the emulator, next to a bare
 * node:http server answering fixed JSON, at 1 and 50 concurrent clients; then RSS after
 * 100,000 evaluations. Run with `npm run bench:emulator`.
 */

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const TOTAL_EVALUATIONS = Number(process.env.BENCH_TOTAL_EVALUATIONS ?? 100_000);

async function throughput(bare: { url: string }): Promise<[Measured, Measured] | undefined> {
  const emulator = await startEmulator();
  try {
    const bodies = await evaluationBodies(emulator.url);
    await measure(emulator.url, bodies, 10, { amount: 2000 });
    console.log(`Customer evaluation creation, ${DURATION_S} s per run (journal on, fsync off):\n`);
    let atFifty: [Measured, Measured] | undefined;
    for (const connections of [1, 50]) {
      const baseline = await measure(bare.url, bodies, connections, { duration: DURATION_S });
      const measured = await measure(emulator.url, bodies, connections, { duration: DURATION_S });
      console.log(row(`bare node:http, ${connections} concurrent`, baseline));
      console.log(row(`emulator, ${connections} concurrent`, measured));
      console.log(
        `  ratio emulator / bare: ${(measured.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}\n`,
      );
      if (connections === 50) atFifty = [baseline, measured];
    }
    return atFifty;
  } finally {
    await emulator.stop();
  }
}

/** A fresh emulator, exactly TOTAL_EVALUATIONS evaluations, then its resident memory. */
async function memory(): Promise<number> {
  const emulator = await startEmulator();
  try {
    const bodies = await evaluationBodies(emulator.url);
    const result = await measure(emulator.url, bodies, 20, { amount: TOTAL_EVALUATIONS });
    const health = (await fetch(`${emulator.url}/_emulator/health`).then((r) => r.json())) as {
      rss_bytes: number;
      heap_used_bytes: number;
      objects: number;
    };
    const rssMb = health.rss_bytes / 1024 / 1024;
    console.log(
      `After ${result.total - result.errors} evaluations (${health.objects} objects, fresh emulator): RSS ${rssMb.toFixed(1)} MB, JS heap in use ${(health.heap_used_bytes / 1024 / 1024).toFixed(1)} MB`,
    );
    return rssMb;
  } finally {
    await emulator.stop();
  }
}

async function main(): Promise<void> {
  const bare = await startBareServer();
  try {
    const atFifty = process.env.BENCH_SKIP_THROUGHPUT ? undefined : await throughput(bare);
    const rssMb = await memory();
    console.log("\nTargets:");
    const report = (name: string, met: boolean) =>
      console.log(`  ${met ? "met    " : "NOT MET"}  ${name}`);
    if (atFifty) {
      const [baseline, measured] = atFifty;
      report(
        "throughput ≥ 0.5 × bare at 50 concurrent",
        measured.requestsPerSecond >= 0.5 * baseline.requestsPerSecond,
      );
      report("p99 < 10 ms at 50 concurrent", measured.p99 < 10);
    }
    report(`RSS < 200 MB after ${TOTAL_EVALUATIONS} evaluations`, rssMb < 200);
  } finally {
    bare.child.kill();
  }
}

await main();
