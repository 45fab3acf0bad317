import { type ChildProcess, spawn } from "node:child_process";
import autocannon from "autocannon";

/**
 * The benchmarks' workload: customer-evaluation creation (50 customers, 10 devices, bodies like
 * the seeds') measured with autocannon, and a bare node:http server answering fixed JSON as the
 * baseline measured beside it.
 */

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

export function startBareServer(): Promise<{ url: string; child: ChildProcess }> {
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

export async function evaluationBodies(url: string): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const customer = await form(url, "/v1/customers", `email=bench${i}%40example.com`);
    const session = await form(
      url,
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

export interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  errors: number;
}

export async function measure(
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

export function row(name: string, m: Measured): string {
  return `${name.padEnd(34)} ${m.requestsPerSecond.toFixed(0).padStart(8)} req/s   p50 ${m.p50.toFixed(2).padStart(6)} ms   p99 ${m.p99.toFixed(2).padStart(6)} ms   errors ${m.errors}`;
}
