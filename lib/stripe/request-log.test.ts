import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedCatalogue } from "@/lib/catalogue/seed-catalogue";
import { placeOrder } from "@/lib/checkout/place-order";
import { CUSTOMER_EVALUATIONS_VERSION } from "@/lib/radar/customer-evaluations";
import type { Services } from "@/lib/services/services";
import { listStripeRequests } from "@/lib/stripe/request-list";
import { type RequestLog, recordStripeRequests } from "@/lib/stripe/request-log";
import { testCheckoutForm } from "@/lib/testing/checkout-fixtures";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { registerTestAccount } from "@/lib/testing/test-services";

const emulator = setUpTestEmulator();

describe.each(testDatabaseKinds())("Stripe request log on $label", (kind) => {
  const app = setUpTestServices(kind, emulator);
  let log: RequestLog;

  beforeAll(() => seedCatalogue(app.prisma));
  afterAll(() => log?.stop());

  it("records a registration and a checkout, linked to their evaluations, order and customer, with no card data or secret", async () => {
    log = recordStripeRequests(app.stripe, {
      prisma: app.prisma,
      noResponseAfterMs: 5_000,
    });
    const registered = await registerTestAccount(app.services, emulator);
    if (registered.kind !== "registered") throw new Error(`registration ${registered.kind}`);
    const buyer = await app.prisma.user.findUniqueOrThrow({
      where: { id: registered.userId },
    });
    // A server that sends raw card data (this app never does; Stripe refuses it unless the
    // account is allowed to) still gets it masked in the log.
    await expect(
      app.stripe.paymentMethods.create({
        type: "card",
        card: { number: "4000002500003155", exp_month: 12, exp_year: 2034, cvc: "987" },
      }),
    ).rejects.toThrow();
    const placed = await placeOrder(
      app.services,
      buyer,
      testCheckoutForm({
        paymentMethod: "pm_card_threeDSecureRequired",
        radarSession: await emulator.api.createRadarSession({ deviceId: randomUUID() }),
      }),
    );
    if (placed.kind !== "requires_action") throw new Error(`checkout ${placed.kind}`);
    await log.flushed();

    const rows = await app.prisma.stripeRequest.findMany({ orderBy: { id: "asc" } });
    const calls = rows.map((row) => `${row.method} ${row.path.split("?")[0]} ${row.status}`);
    expect(calls).toEqual(
      expect.arrayContaining([
        "POST /v1/customers 200",
        "POST /v1/radar/customer_evaluations 200",
        expect.stringMatching(/^POST \/v1\/radar\/customer_evaluations\/cuseval_\w+\/report 200$/),
        expect.stringMatching(/^POST \/v1\/payment_methods 4\d\d$/),
        "POST /v1/radar/payment_evaluations 200",
        "POST /v1/payment_intents 200",
      ]),
    );

    const evaluation = await app.prisma.customerEvaluation.findUniqueOrThrow({
      where: { id: registered.evaluationRecordId },
    });
    const ofEvaluation = rows.filter((row) => row.evaluationId === evaluation.stripeId);
    expect(ofEvaluation.map((row) => row.path)).toEqual([
      "/v1/radar/customer_evaluations",
      `/v1/radar/customer_evaluations/${evaluation.stripeId}/report`,
    ]);
    const evaluationCall = ofEvaluation[0];
    expect(evaluationCall?.apiVersion).toBe(CUSTOMER_EVALUATIONS_VERSION);
    expect(evaluationCall?.requestId).toMatch(/^req_/);
    expect(evaluationCall?.idempotencyKey).toContain("registration-evaluation-");
    expect(evaluationCall?.durationMs).toBeGreaterThanOrEqual(0);
    expect(evaluationCall?.customerId).toBe(buyer.stripeCustomerId);

    const ofOrder = rows.filter((row) => row.orderId === placed.orderId).map((row) => row.path);
    expect(ofOrder).toEqual(["/v1/radar/payment_evaluations", "/v1/payment_intents"]);
    // The inspector's filters find the same calls, newest first.
    const listed = await listStripeRequests(app.prisma, { order: placed.orderId });
    expect(listed.rows.map((row) => row.path)).toEqual([...ofOrder].reverse());
    const failed = await listStripeRequests(app.prisma, { outcome: "error", method: "POST" });
    expect(failed.rows.map((row) => row.path)).toEqual(["/v1/payment_methods"]);
    expect(
      rows.every((row) => row.customerId === null || row.customerId === buyer.stripeCustomerId),
    ).toBe(true);

    const stored = JSON.stringify(rows);
    expect(stored).not.toContain("4000002500003155");
    expect(stored).not.toContain('"987"');
    expect(stored).not.toMatch(/_secret_(?!\[masked\])/);
    expect(stored).not.toMatch(/sk_test_(?!\[masked\])/);
    const paymentIntent = rows.find((row) => row.path === "/v1/payment_intents");
    expect(JSON.stringify(paymentIntent?.responseBody)).toContain('"client_secret":"[masked]"');
  });

  it("keeps only the newest rows, pruning in batches", async () => {
    log?.stop();
    await app.prisma.stripeRequest.deleteMany();
    log = recordStripeRequests(app.stripe, {
      prisma: app.prisma,
      keep: 5,
      pruneEvery: 3,
      noResponseAfterMs: 5_000,
    });
    for (let i = 0; i < 12; i++) {
      await app.stripe.customers.create({ description: `bounded ${i}` });
      await log.flushed();
      expect(await app.prisma.stripeRequest.count()).toBeLessThanOrEqual(5 + 3 - 1);
    }
    const kept = await app.prisma.stripeRequest.findMany({ orderBy: { id: "asc" } });
    const descriptions = kept.map(
      (row) => (row.requestBody as { description?: string }).description,
    );
    expect(descriptions.slice(-5)).toEqual([7, 8, 9, 10, 11].map((i) => `bounded ${i}`));
    expect(descriptions.length).toBeGreaterThanOrEqual(5);
  });

  it("lets the oldest waiting rows go, not memory, while the database falls behind", async () => {
    log?.stop();
    await app.prisma.stripeRequest.deleteMany();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let writing = () => {};
    const firstWrite = new Promise<void>((resolve) => {
      writing = resolve;
    });
    const slow = {
      stripeRequest: {
        createMany: async (
          args: Parameters<Services["prisma"]["stripeRequest"]["createMany"]>[0],
        ) => {
          writing();
          await gate;
          return app.prisma.stripeRequest.createMany(args);
        },
      },
    } as unknown as Services["prisma"];
    log = recordStripeRequests(app.stripe, {
      prisma: slow,
      keep: 3,
      pruneEvery: 1_000,
      noResponseAfterMs: 5_000,
      batchMs: 0,
    });
    // The first call's batch is being written, and stays stuck behind the gate.
    await app.stripe.customers.create({ description: "behind 0" });
    await firstWrite;
    for (let i = 1; i < 6; i++) {
      await app.stripe.customers.create({ description: `behind ${i}` });
    }
    release();
    await log.flushed();
    const kept = await app.prisma.stripeRequest.findMany({ orderBy: { id: "asc" } });
    expect(kept.map((row) => (row.requestBody as { description: string }).description)).toEqual([
      "behind 0",
      "behind 3",
      "behind 4",
      "behind 5",
    ]);
  });

  it("logs a failed write and never fails the call", async () => {
    log?.stop();
    const logged = vi.fn();
    const failing = recordStripeRequests(app.stripe, {
      prisma: {
        stripeRequest: { createMany: () => Promise.reject(new Error("database is down")) },
      } as unknown as Services["prisma"],
      noResponseAfterMs: 5_000,
      log: logged,
    });
    const customer = await app.stripe.customers.create({ description: "still works" });
    await failing.flushed();
    failing.stop();
    expect(customer.id).toMatch(/^cus_/);
    expect(logged).toHaveBeenCalledWith(
      "Could not record 1 Stripe request(s):",
      expect.objectContaining({ message: "database is down" }),
    );
  });

  it("records a call that got no response", async () => {
    await app.prisma.stripeRequest.deleteMany();
    log = recordStripeRequests(app.stripe, {
      prisma: app.prisma,
      noResponseAfterMs: 300,
    });
    await emulator.api.injectFault({ path: "/v1/customers", latency_ms: 1_000, count: 1 });
    await expect(
      app.stripe.customers.create(
        { description: "timed out" },
        { timeout: 200, maxNetworkRetries: 0 },
      ),
    ).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await log.flushed();
    const [row] = await app.prisma.stripeRequest.findMany();
    expect(row?.status).toBeNull();
    expect(row?.path).toBe("/v1/customers");
  });
});
