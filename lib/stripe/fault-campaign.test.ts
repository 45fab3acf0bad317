import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { closeEmbeddedDatabase } from "@radar-abuse-reference/embedded-postgres";
import {
  type EmulatorApi,
  emulatorApi,
  type StartedEmulator,
  startEmulator,
} from "stripe-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegistrationForm } from "@/lib/accounts/forms";
import { logInUser } from "@/lib/accounts/log-in";
import { registerUser } from "@/lib/accounts/register";
import { seedCatalogue } from "@/lib/catalogue/seed-catalogue";
import { type Buyer, placeOrder } from "@/lib/checkout/place-order";
import { settlePendingOrders } from "@/lib/checkout/settle-pending-orders";
import { handleStripeEvent } from "@/lib/checkout/webhook-events";
import { sendPendingReports } from "@/lib/radar/outcome-reports";
import type { Services } from "@/lib/services/services";
import { testCheckoutForm } from "@/lib/testing/checkout-fixtures";
import type { FlowRun } from "@/lib/testing/run-flow-process";
import { migratedPrisma, type TestDatabase, testDatabaseKinds } from "@/lib/testing/test-databases";
import { createTestServices, newRegistrationOrigin } from "@/lib/testing/test-services";

/**
 * The fault campaign: every flow under every fault, asserting what the person sees and that the
 * database and Stripe agree once the fault is gone. Prints the flow x fault table.
 */

const FAULTS = [
  "latency past the time-out",
  "500",
  "429 with Retry-After",
  "connection reset",
  "emulator stopped and restarted",
  "app killed and restarted",
] as const;
type Fault = (typeof FAULTS)[number];

const FLOWS = [
  "registration",
  "log-in",
  "outcome report",
  "Payment Evaluation",
  "PaymentIntent",
  "webhook delivery",
] as const;
type Flow = (typeof FLOWS)[number];

/** The Stripe call each flow depends on; the fault hits it. */
const STRIPE_CALL: Record<Exclude<Flow, "webhook delivery">, { path: string; method: string }> = {
  registration: { path: "/v1/radar/customer_evaluations", method: "POST" },
  "log-in": { path: "/v1/radar/customer_evaluations", method: "POST" },
  // Only report calls (/v1/radar/customer_evaluations/cuseval_.../report).
  "outcome report": { path: "/v1/radar/customer_evaluations/cuseval_", method: "POST" },
  "Payment Evaluation": { path: "/v1/radar/payment_evaluations", method: "POST" },
  PaymentIntent: { path: "/v1/payment_intents", method: "POST" },
};

const TIMEOUT_MS = 800;
const PASSWORD = "correct horse battery";
const FAR_FUTURE = () => new Date(Date.now() + 24 * 60 * 60 * 1000);
const RUN_FLOW = join(import.meta.dirname, "..", "testing", "run-flow-process.ts");

const table = new Map<string, Map<Flow, Map<Fault, string>>>();

async function until<T>(what: string, read: () => Promise<T | undefined>, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The app's webhook route, played by a server whose answers a test can spoil. */
type WebhookEndpoint = { url: string; mode: Fault | "ok"; close(): Promise<void> };

describe.each(testDatabaseKinds())("fault campaign on $label", ({ label, create }) => {
  let database: TestDatabase;
  let services: Services;
  let emulator: StartedEmulator;
  let api: EmulatorApi;
  let endpoint: WebhookEndpoint;
  let webhookServer: Server;
  const cells = new Map<Flow, Map<Fault, string>>();
  table.set(label, cells);

  const emulatorEnv = () => ({
    STRIPE_EMULATOR_WEBHOOK_URL: endpoint.url,
    STRIPE_EMULATOR_WEBHOOK_RETRY_DELAYS_MS: "300,600,1000,1500,2000,3000",
    STRIPE_EMULATOR_WEBHOOK_TIMEOUT_MS: "1000",
  });

  async function startTheEmulator(port = 0, dataDir?: string) {
    emulator = await startEmulator({
      ...(dataDir ? { dataDir } : {}),
      env: { ...emulatorEnv(), STRIPE_EMULATOR_PORT: String(port) },
    });
    api = emulatorApi(emulator.url, emulator.controlToken);
  }

  function listenForWebhooks(port = 0): Promise<void> {
    webhookServer = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      switch (endpoint.mode) {
        case "latency past the time-out":
          await sleep(1_500);
          break;
        case "500":
          response.writeHead(500).end();
          return;
        case "429 with Retry-After":
          response.writeHead(429, { "retry-after": "1" }).end();
          return;
        case "connection reset":
          request.socket.destroy();
          return;
      }
      try {
        const event = services.stripe.webhooks.constructEvent(
          Buffer.concat(chunks).toString(),
          String(request.headers["stripe-signature"]),
          emulator.webhookSecret,
        );
        const outcome = await handleStripeEvent(services.prisma, services.stripe, event);
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ received: true, outcome }));
      } catch (error) {
        response.writeHead(500).end(String(error));
      }
    });
    return new Promise((resolve) => {
      webhookServer.listen(port, "127.0.0.1", () => {
        const { port: bound } = webhookServer.address() as AddressInfo;
        endpoint.url = `http://127.0.0.1:${bound}/api/webhooks/stripe`;
        resolve();
      });
    });
  }

  const closeWebhooks = () =>
    new Promise<void>((resolve) => {
      webhookServer.closeAllConnections();
      webhookServer.close(() => resolve());
    });

  async function openApp() {
    services = createTestServices(await migratedPrisma(database), emulator, TIMEOUT_MS);
  }

  async function closeApp() {
    await services.prisma.$disconnect();
    if (database.config.kind === "embedded") {
      await closeEmbeddedDatabase(database.config.directory);
    }
  }

  beforeAll(async () => {
    database = await create();
    endpoint = { url: "", mode: "ok", close: closeWebhooks };
    await listenForWebhooks();
    await startTheEmulator();
    await openApp();
    await seedCatalogue(services.prisma);
  });
  afterAll(async () => {
    await emulator.stop();
    await closeWebhooks();
    await services.prisma.$disconnect();
    await database.dispose();
  });

  const newDevice = () => `device-${randomUUID()}`;
  const registrationForm = async (): Promise<RegistrationForm> => ({
    name: "Jenny Rosen",
    email: `jenny.${randomUUID().slice(0, 8)}@example.com`,
    password: PASSWORD,
    radar_session: await api.createRadarSession({ deviceId: newDevice() }),
  });
  const checkoutForm = async () =>
    testCheckoutForm({ radarSession: await api.createRadarSession({ deviceId: newDevice() }) });

  async function newBuyer(): Promise<Buyer> {
    const form = await registrationForm();
    const result = await registerUser(services, form, newRegistrationOrigin());
    if (result.kind !== "registered") throw new Error(`registration ${result.kind}`);
    return services.prisma.user.findUniqueOrThrow({ where: { id: result.userId } });
  }

  /** Resolves once the one injected fault has held a request of the flow. */
  const callReached = () =>
    until(
      "the flow to reach its Stripe call",
      async () => ((await api.faults())[0]?.hits ?? 0) > 0 || undefined,
      30_000,
    );

  /** Runs `act` while the fault hits the flow's Stripe call, then clears it. */
  async function underFault<T>(
    fault: Exclude<Fault, "app killed and restarted">,
    call: { path: string; method: string },
    act: () => Promise<T>,
  ): Promise<T> {
    switch (fault) {
      case "emulator stopped and restarted": {
        // The emulator dies (SIGKILL) just as the flow makes its Stripe call.
        await api.injectFault({ ...call, latency_ms: 30_000 });
        const acting = act();
        await callReached();
        const { port, dataDir } = emulator;
        emulator.kill();
        await until("the emulator to stop", async () =>
          (await fetch(`${emulator.url}/_emulator/health`).then(
            () => false,
            () => true,
          ))
            ? true
            : undefined,
        );
        try {
          return await acting;
        } finally {
          await startTheEmulator(port, dataDir);
        }
      }
      case "latency past the time-out":
        await api.injectFault({ ...call, latency_ms: TIMEOUT_MS * 3 });
        break;
      case "500":
        await api.injectFault({ ...call, status: 500 });
        break;
      case "429 with Retry-After":
        await api.injectFault({ ...call, status: 429 });
        break;
      case "connection reset":
        await api.injectFault({ ...call, drop: true });
        break;
    }
    try {
      return await act();
    } finally {
      await api.clearFaults();
      // A delayed request still completes on the emulator's side: let it, as Stripe would.
      if (fault === "latency past the time-out") await sleep(TIMEOUT_MS * 3);
    }
  }

  /**
   * Runs the flow in a process of its own and kills it (SIGKILL) while the flow's Stripe call is
   * in flight; the call still completes on the emulator. Then the app starts again.
   */
  async function killedHalfWay(call: { path: string; method: string }, run: FlowRun) {
    const heldMs = 1_500;
    await api.injectFault({ ...call, latency_ms: heldMs });
    await closeApp();
    const child = spawn(process.execPath, ["--import", "tsx", RUN_FLOW, JSON.stringify(run)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      await callReached();
    } catch (error) {
      throw new Error(`${error}\n${output}`);
    }
    child.kill("SIGKILL");
    await exited;
    expect(output).not.toContain("done");
    await api.clearFaults();
    await sleep(heldMs);
    await openApp();
  }

  const runBase = () => ({
    database: database.config,
    emulator: { port: emulator.port, webhookSecret: emulator.webhookSecret },
    timeoutMs: TIMEOUT_MS,
  });

  /** Sweeps and sends pending reports as the app's background work does, due or not. */
  async function backgroundWork() {
    await sendPendingReports(services.prisma, services.radar, { now: FAR_FUTURE() });
    await settlePendingOrders(services, FAR_FUTURE());
  }

  async function customersWithEmail(email: string): Promise<string[]> {
    const list = await api.retrieve(`/v1/customers?email=${encodeURIComponent(email)}`);
    return list.data.map((customer: { id: string }) => customer.id);
  }

  async function intentsOfOrder(customer: string, orderId: string) {
    const list = await api.retrieve(`/v1/payment_intents?customer=${customer}&limit=100`);
    return (list.data as { id: string; status: string; metadata: { order_id?: string } }[]).filter(
      (intent) => intent.metadata.order_id === orderId,
    );
  }

  // Registration: the person gets an account (fail open), and once the fault clears there is
  // one user and at most one Stripe Customer for the email, the user's.
  async function registration(fault: Fault): Promise<string> {
    const form = await registrationForm();
    const origin = newRegistrationOrigin();
    let seen: string;
    if (fault === "app killed and restarted") {
      await killedHalfWay(STRIPE_CALL.registration, {
        ...runBase(),
        flow: "registration",
        form,
        origin,
      });
      const again = await registerUser(services, form, origin);
      seen = `killed; sent again: ${again.kind}`;
      expect(again.kind).toBe("registered");
    } else {
      const result = await underFault(fault, STRIPE_CALL.registration, () =>
        registerUser(services, form, origin),
      );
      seen = result.kind === "registered" ? `registered (${result.decision})` : result.kind;
      expect(result.kind).toBe("registered");
    }
    await backgroundWork();
    const users = await services.prisma.user.findMany({ where: { email: form.email } });
    expect(users).toHaveLength(1);
    const customers = await customersWithEmail(form.email);
    expect(customers.length).toBeLessThanOrEqual(1);
    expect(users[0]?.stripeCustomerId ?? null).toBe(customers[0] ?? null);
    return seen;
  }

  // Log-in: the person gets in (fail open), with one session per successful attempt.
  async function logIn(fault: Fault): Promise<string> {
    const buyer = await newBuyer();
    const device = newDevice();
    const form = {
      email: buyer.email,
      password: PASSWORD,
      radar_session: await api.createRadarSession({ deviceId: device }),
    };
    const clientIp = newRegistrationOrigin().clientIp;
    let seen: string;
    if (fault === "app killed and restarted") {
      await killedHalfWay(STRIPE_CALL["log-in"], { ...runBase(), flow: "login", form, clientIp });
      // A log-in's Radar Session is used once: the copy is told to reload the page, whose fresh
      // session signs in.
      const again = await logInUser(services, form, { clientIp });
      expect(again).toMatchObject({
        kind: "invalid",
        fieldErrors: { radar_session: expect.stringContaining("Reload the page") },
      });
      const reloaded = await logInUser(
        services,
        { ...form, radar_session: await api.createRadarSession({ deviceId: device }) },
        { clientIp },
      );
      seen = `killed; sent again: ${again.kind}, reloaded: ${reloaded.kind}`;
      expect(reloaded.kind).toBe("signed_in");
    } else {
      const result = await underFault(fault, STRIPE_CALL["log-in"], () =>
        logInUser(services, form, { clientIp }),
      );
      seen = result.kind === "signed_in" ? `signed in (${result.decision})` : result.kind;
      expect(result.kind).toBe("signed_in");
    }
    await backgroundWork();
    const records = await services.prisma.customerEvaluation.findMany({
      where: { email: buyer.email, eventType: "login", outcome: { in: ["allowed", "restricted"] } },
    });
    expect(records.length).toBeGreaterThanOrEqual(1);
    for (const record of records) expect(record.reportStatus).not.toBe("pending");
    return seen;
  }

  // Outcome report: the person is registered; the report is delivered exactly once afterwards.
  async function outcomeReport(fault: Fault): Promise<string> {
    const form = await registrationForm();
    const origin = newRegistrationOrigin();
    let seen: string;
    if (fault === "app killed and restarted") {
      await killedHalfWay(STRIPE_CALL["outcome report"], {
        ...runBase(),
        flow: "registration",
        form,
        origin,
      });
      seen = "killed while reporting";
    } else {
      const result = await underFault(fault, STRIPE_CALL["outcome report"], () =>
        registerUser(services, form, origin),
      );
      seen = result.kind === "registered" ? `registered (${result.decision})` : result.kind;
      expect(result.kind).toBe("registered");
    }
    await backgroundWork();
    const record = await services.prisma.customerEvaluation.findFirstOrThrow({
      where: { email: form.email, eventType: "registration" },
    });
    expect(record).toMatchObject({ outcome: "allowed", reportStatus: "reported" });
    const evaluation = await api.retrieve(`/v1/radar/customer_evaluations/${record.stripeId}`);
    expect(evaluation.events).toHaveLength(1);
    return seen;
  }

  /**
   * Checkout under a fault, then what a person does next: background work settles the order,
   * and if it is still unpaid they send the same form again. In the end the order is paid by
   * exactly one PaymentIntent.
   */
  async function checkout(flow: "Payment Evaluation" | "PaymentIntent", fault: Fault) {
    const buyer = await newBuyer();
    const form = await checkoutForm();
    let seen: string;
    if (fault === "app killed and restarted") {
      await killedHalfWay(STRIPE_CALL[flow], { ...runBase(), flow: "checkout", buyer, form });
      seen = "killed";
    } else {
      const result = await underFault(fault, STRIPE_CALL[flow], () =>
        placeOrder(services, buyer, form),
      );
      seen = result.kind === "declined" ? `declined: ${result.message}` : result.kind;
    }
    await backgroundWork();
    let order = await services.prisma.order.findUnique({ where: { checkoutId: form.checkoutId } });
    if (order?.status !== "paid") {
      const again = await placeOrder(services, buyer, form);
      seen += `; sent again: ${again.kind}`;
      order = await services.prisma.order.findUniqueOrThrow({
        where: { checkoutId: form.checkoutId },
      });
    }
    expect(order?.status).toBe("paid");
    const intents = await intentsOfOrder(buyer.stripeCustomerId ?? "", order?.id ?? "");
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ id: order?.paymentIntentId, status: "succeeded" });
    return seen;
  }

  // Webhook delivery: the app's endpoint fails; the emulator retries until the order is
  // confirmed by its event, applied once.
  async function webhookDelivery(fault: Fault): Promise<string> {
    const buyer = await newBuyer();
    const form = await checkoutForm();
    endpoint.mode = fault === "emulator stopped and restarted" ? "500" : fault;
    if (fault === "app killed and restarted") await closeWebhooks();
    const result = await placeOrder(services, buyer, form);
    expect(result.kind).toBe("paid");
    const order = await services.prisma.order.findUniqueOrThrow({
      where: { checkoutId: form.checkoutId },
    });
    // Let the first delivery fail before the endpoint heals.
    await sleep(500);
    if (fault === "emulator stopped and restarted") {
      const { port, dataDir } = emulator;
      await emulator.stop();
      endpoint.mode = "ok";
      await startTheEmulator(port, dataDir);
    }
    if (fault === "app killed and restarted") {
      await listenForWebhooks(Number(new URL(endpoint.url).port));
    }
    endpoint.mode = "ok";
    const confirmed = await until(
      "the webhook to confirm the order",
      async () => {
        const current = await services.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
        return current.webhookConfirmedAt ?? undefined;
      },
      20_000,
    );
    expect(confirmed).toBeInstanceOf(Date);
    const events = await services.prisma.processedWebhookEvent.findMany({
      where: { type: "payment_intent.succeeded" },
    });
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    return `paid; confirmed by webhook after retries`;
  }

  function scenario(flow: Flow, fault: Fault): Promise<string> {
    switch (flow) {
      case "registration":
        return registration(fault);
      case "log-in":
        return logIn(fault);
      case "outcome report":
        return outcomeReport(fault);
      case "Payment Evaluation":
      case "PaymentIntent":
        return checkout(flow, fault);
      case "webhook delivery":
        return webhookDelivery(fault);
    }
  }

  for (const flow of FLOWS) {
    describe(flow, () => {
      it.each(FAULTS)("%s", { timeout: 90_000 }, async (fault) => {
        const row = cells.get(flow) ?? new Map<Fault, string>();
        cells.set(flow, row);
        row.set(fault, "FAILED");
        row.set(fault, await scenario(flow, fault));
      });
    });
  }
});

afterAll(() => {
  for (const [label, cells] of table) {
    const lines = [
      `\nFault campaign on ${label}: what the person saw; consistent afterwards unless FAILED`,
    ];
    for (const flow of FLOWS) {
      lines.push(`\n${flow}`);
      for (const fault of FAULTS)
        lines.push(`  ${fault.padEnd(32)} ${cells.get(flow)?.get(fault) ?? "not run"}`);
    }
    console.log(lines.join("\n"));
  }
});
