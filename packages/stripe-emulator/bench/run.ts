import { type ChildProcess, spawn } from "node:child_process";
import autocannon from "autocannon";
import { type StartedEmulator, startEmulator } from "../src/index.ts";

/**
 * Customer-evaluation creation throughput and latency against the emulator, next to a bare
 * node:http server answering fixed JSON, at 1 and 50 concurrent clients; then RSS after
 * 100,000 evaluations. Run with `npm run bench:emulator`.
 */

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const TOTAL_EVALUATIONS = Number(process.env.BENCH_TOTAL_EVALUATIONS ?? 100_000);
const CUSTOMERS = 50;

const BARE_SERVER = `
const http = require("node:http");
const body = JSON.stringify({ id: "cuseval_123456789", object: "radar.customer_evaluation", event_type: "registration", livemode: false, created_at: 1715769600, customer: "cus_123456789", events: null, signals: { multi_accounting: { score: 10, evaluated_at: 1715769600, risk_level: "normal" } } });
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => { res.setHeader("Content-Type", "application/json"); res.end(body); });
});
server.listen(0, "127.0.0.1", () => console.log("listening on http://127.0.0.1:" + server.address().port));
`;

function startBareServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["-e", BARE_SERVER], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve({ url: match[1], child });
    });
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
}

async function form(
  url: string,
  path: string,
  body: string,
  key = "sk_test_emulator",
): Promise<{ id: string }> {
  const response = await fetch(url + path, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${key}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body,
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

async function evaluationBodies(emulator: StartedEmulator): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const customer = await form(emulator.url, "/v1/customers", `email=bench${i}%40example.com`);
    const session = await form(
      emulator.url,
      "/v1/radar/session",
      `device_id=bench-device-${i % 10}&timezone=UTC`,
      "pk_test_emulator",
    );
    bodies.push(
      new URLSearchParams({
        event_type: "registration",
        "evaluation_context[0][type]": "client_details",
        "evaluation_context[0][client_details][radar_session]": session.id,
        "evaluation_context[1][type]": "customer_details",
        "evaluation_context[1][customer_details][customer]": customer.id,
      }).toString(),
    );
  }
  return bodies;
}

interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  errors: number;
}

async function measure(
  url: string,
  bodies: string[],
  connections: number,
  limit: { duration?: number; amount?: number },
): Promise<Measured> {
  let next = 0;
  const result = await autocannon({
    url: `${url}/v1/radar/customer_evaluations`,
    connections,
    ...limit,
    requests: [
      {
        method: "POST",
        headers: {
          Authorization: "Bearer sk_test_emulator",
          "Content-Type": "application/x-www-form-urlencoded",
          "Stripe-Version": "2026-03-04.preview",
        },
        setupRequest: (request) => {
          const body = bodies[next++ % bodies.length] ?? "";
          return { ...request, body };
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

function row(name: string, m: Measured): string {
  return `${name.padEnd(34)} ${m.requestsPerSecond.toFixed(0).padStart(8)} req/s   p50 ${m.p50.toFixed(2).padStart(6)} ms   p99 ${m.p99.toFixed(2).padStart(6)} ms   errors ${m.errors}`;
}

async function throughput(bare: { url: string }): Promise<[Measured, Measured] | undefined> {
  const emulator = await startEmulator();
  try {
    const bodies = await evaluationBodies(emulator);
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
    const bodies = await evaluationBodies(emulator);
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
