/**
 * What recording Stripe calls and reading the emulator's score explanations cost a flow.
 *
 *   npm run bench:recording [-- --calls 300]
 *
 * For each database (embedded PGlite, and PostgreSQL when TEST_POSTGRES_URL is set), one
 * emulator and two Stripe clients configured as the app's: calls alternate between a client with
 * no recorder (the baseline) and one that records into StripeRequest, so both see the same
 * machine load. Then the explanation fetch is timed against the Customer Evaluation it explains.
 */
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { EMULATOR_KEYS, emulatorApi, startEmulator } from "stripe-emulator";
import {
  CUSTOMER_EVALUATIONS_VERSION,
  customerEvaluationsApi,
} from "@/lib/radar/customer-evaluations";
import { emulatorExplainer } from "@/lib/radar/score-explanation";
import { createStripeClient } from "@/lib/stripe/create-client";
import { maskValue } from "@/lib/stripe/mask-secrets";
import { DEFAULT_KEEP, pruneStripeRequests, recordStripeRequests } from "@/lib/stripe/request-log";
import { migratedPrisma, testDatabaseKinds } from "@/lib/testing/test-databases";

const { values } = parseArgs({ options: { calls: { type: "string", default: "300" } } });
const CALLS = Number(values.calls);

const ms = (value: number) => `${value.toFixed(2)} ms`;
function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = samples.reduce((sum, x) => sum + x, 0) / samples.length;
  return { mean, p50: at(0.5), p95: at(0.95) };
}
const line = (label: string, samples: number[]) => {
  const s = summary(samples);
  return `${label.padEnd(34)} mean ${ms(s.mean)}  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}`;
};

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

const load = () => `load average ${loadavg()[0]?.toFixed(1)} on this machine`;
console.log(`Start: ${load()}`);
const emulator = await startEmulator();
const api = emulatorApi(emulator.url, emulator.controlToken);
const client = () =>
  createStripeClient({
    mode: "emulator",
    secretKey: EMULATOR_KEYS.secretKey,
    publishableKey: EMULATOR_KEYS.publishableKey,
    webhookSecret: emulator.webhookSecret,
    apiHost: { host: "127.0.0.1", port: emulator.port, protocol: "http" },
    timeoutMs: 5_000,
  });

// The masking the recorder does in the flow's own turn of the event loop, on a PaymentIntent-like
// response.
const sample = {
  id: "pi_123",
  object: "payment_intent",
  amount: 1200,
  client_secret: "pi_123_secret_abc",
  metadata: { order_id: "cmx123" },
  customer: "cus_123",
  next_action: { use_stripe_sdk: { stripe_js: "http://127.0.0.1:12111/_emulator/3ds/pi_123" } },
  payment_method_types: ["card"],
  description: "1 × Radar hoodie",
  automatic_payment_methods: { enabled: true, allow_redirects: "never" },
  charges: Array.from({ length: 5 }, (_, i) => ({
    id: `ch_${i}`,
    amount: 1200,
    created: 1764460000,
  })),
};
const maskRuns = 5_000;
const [maskTotal] = await timed(async () => {
  for (let i = 0; i < maskRuns; i++) maskValue(sample);
});
console.log(
  `Masking one ~${JSON.stringify(sample).length} B body: ${((maskTotal / maskRuns) * 1000).toFixed(1)} µs`,
);

for (const kind of testDatabaseKinds()) {
  const database = await kind.create();
  const prisma = await migratedPrisma(database);
  const plain = client();
  const recorded = client();
  const log = recordStripeRequests(recorded, { prisma, noResponseAfterMs: 10_000 });

  const create = (stripe: ReturnType<typeof client>, i: number) =>
    stripe.customers.create({ description: `bench ${i}`, metadata: { run: "recording" } });
  for (let i = 0; i < 30; i++) {
    await create(plain, i);
    await create(recorded, i);
  }
  const baseline: number[] = [];
  const withRecording: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    // A-B then B-A, so neither client always goes first.
    const pair = [
      async () => baseline.push((await timed(() => create(plain, i)))[0]),
      async () => withRecording.push((await timed(() => create(recorded, i)))[0]),
    ];
    if (i % 2 === 1) pair.reverse();
    for (const run of pair) await run();
  }
  const [drain] = await timed(() => log.flushed());
  const rows = await prisma.stripeRequest.count();

  console.log(`\n${kind.label}: ${CALLS} calls each, alternating`);
  console.log(line("POST /v1/customers, not recorded", baseline));
  console.log(line("POST /v1/customers, recorded", withRecording));
  const delta = summary(withRecording).p50 - summary(baseline).p50;
  console.log(
    `Recording adds ${ms(delta)} at p50; ${rows} rows written, last batch drained in ${ms(drain)}`,
  );

  // A prune as the recorder runs it: the table at its bound plus one batch between prunes.
  const prunes: number[] = [];
  for (let run = 0; run < 5; run++) {
    const missing = DEFAULT_KEEP + 100 - (await prisma.stripeRequest.count());
    await prisma.stripeRequest.createMany({
      data: Array.from({ length: missing }, () => ({
        method: "POST",
        path: "/v1/customers",
        durationMs: 1,
        requestBody: { description: "bench" },
        responseBody: { id: "cus_123", object: "customer" },
      })),
    });
    prunes.push((await timed(() => pruneStripeRequests(prisma, DEFAULT_KEEP)))[0]);
  }
  console.log(line(`Prune ${DEFAULT_KEEP + 100} rows to ${DEFAULT_KEEP}`, prunes));

  log.stop();
  await prisma.$disconnect();
  await database.dispose();
}
// The explanation is a call to the emulator alone: the database plays no part.
const plainClient = client();
console.log(`\nExplanations: ${Math.min(CALLS, 200)} log-in evaluations, each explained after`);
const evaluations: number[] = [];
const explanations: number[] = [];
const explain = emulatorExplainer({
  baseUrl: emulator.url,
  controlToken: emulator.controlToken,
  timeoutMs: 2_000,
});
const customer = await plainClient.customers.create({ description: "explained" });
const radar = customerEvaluationsApi(plainClient, {
  apiVersion: CUSTOMER_EVALUATIONS_VERSION,
  timeoutMs: 5_000,
});
for (let i = 0; i < Math.min(CALLS, 200); i++) {
  const radarSession = await api.createRadarSession({ deviceId: randomUUID() });
  const [evaluationMs, result] = await timed(() =>
    radar.evaluate({
      event: "login",
      customer: customer.id,
      client: { radarSession, ip: "127.0.0.1", userAgent: undefined, referrer: undefined },
      idempotencyKey: randomUUID(),
    }),
  );
  if (result.kind !== "evaluated") throw new Error(`evaluation ${result.kind}`);
  const [explainMs, explanation] = await timed(() => explain(result.evaluation.id));
  if (!explanation) throw new Error("no explanation");
  evaluations.push(evaluationMs);
  explanations.push(explainMs);
}
console.log(line("Customer Evaluation (the baseline)", evaluations));
console.log(line("its explanation, fetched after", explanations));

await emulator.stop();
console.log(`End: ${load()}`);
