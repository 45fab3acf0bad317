import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { closeEmbeddedDatabase } from "@radar-abuse-reference/embedded-postgres";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applyPendingMigrations } from "@/lib/db/migrations";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { evaluatedVisaAttempt, testOrderData } from "@/lib/testing/checkout-fixtures";
import { type TestDatabase, testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";

const emulator = setUpTestEmulator();

const SECRET = "whsec_route_test_secret";
/** The secret of another event destination, which sends thin events (STRIPE_THIN_WEBHOOK_SECRET). */
const THIN_SECRET = "whsec_route_test_thin_secret";
const signer = new Stripe("sk_test_signing_only");

/** An event about the order's PaymentIntent; the route reads the PaymentIntent from Stripe. */
function paymentIntentEvent(
  orderId: string,
  type: string,
  status: string,
  intentId = "pi_unknown",
) {
  return JSON.stringify({
    id: `evt_${randomUUID().replaceAll("-", "")}`,
    object: "event",
    type,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: {
      object: {
        id: intentId,
        object: "payment_intent",
        status,
        metadata: { order_id: orderId },
        last_payment_error: status === "succeeded" ? null : { message: "Your card was declined." },
      },
    },
  });
}

/** A v2 thin event: it names the object it is about, which the app reads from Stripe. */
function thinEvent(type: string, relatedObject: { id: string; type: string; url: string } | null) {
  return JSON.stringify({
    id: `evt_test_${randomUUID().replaceAll("-", "")}`,
    object: "v2.core.event",
    type,
    created: new Date().toISOString(),
    livemode: false,
    related_object: relatedObject,
  });
}

const signThin = (payload: string) =>
  signer.webhooks.generateTestHeaderString({ payload, secret: THIN_SECRET });

const sign = (payload: string, timestamp?: number) =>
  signer.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp });

const MB = 1024 * 1024;

/** A request body that never ends, counting what the reader has pulled from it. */
function endlessBody() {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x7b);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    // Nothing is produced before the route reads.
    { highWaterMark: 0 },
  );
  return { stream, bytesPulled: () => pulled };
}

function memoryInUse(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

describe.each(testDatabaseKinds())("POST /api/webhooks/stripe on $label", ({ create }) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let POST: (request: Request) => Promise<Response>;
  let orderId: string;
  let intentId: string;
  let closeAppDatabase: () => Promise<void>;

  const deliver = (payload: string, signature?: string) =>
    POST(
      new Request("http://localhost/api/webhooks/stripe", {
        method: "POST",
        body: payload,
        headers: signature ? { "stripe-signature": signature } : {},
      }),
    );

  beforeAll(async () => {
    database = await create();
    // The route reads its database from the environment, as the app does.
    const appDatabase =
      database.config.kind === "postgres"
        ? database.config
        : ({ kind: "embedded", directory: join(database.config.directory, "pglite") } as const);
    await applyPendingMigrations(appDatabase);
    vi.resetModules();
    delete (globalThis as { __prisma?: unknown }).__prisma;
    vi.stubEnv("STRIPE_WEBHOOK_SECRET", SECRET);
    vi.stubEnv("STRIPE_THIN_WEBHOOK_SECRET", THIN_SECRET);
    vi.stubEnv("STRIPE_EMULATOR_PORT", String(emulator.port));
    if (database.config.kind === "postgres") vi.stubEnv("DATABASE_URL", database.config.url);
    else vi.stubEnv("DATA_DIR", database.config.directory);
    closeAppDatabase = () =>
      appDatabase.kind === "embedded"
        ? closeEmbeddedDatabase(appDatabase.directory)
        : Promise.resolve();
    ({ POST } = await import("@/app/api/webhooks/stripe/route"));
    prisma = (await import("@/lib/db/client")).db();
    const stripe = new Stripe("sk_test_emulator", {
      host: "127.0.0.1",
      port: emulator.port,
      protocol: "http",
    });
    const customer = await stripe.customers.create({ email: "web.hook@example.com" });
    const user = await prisma.user.create({
      data: {
        email: `${randomUUID()}@example.com`,
        name: "Web Hook",
        passwordHash: "x",
        stripeCustomerId: customer.id,
      },
    });
    const order = await prisma.order.create({
      data: testOrderData(user.id, {
        status: "processing",
        paymentMethod: "pm_card_visa",
        attempts: { create: await evaluatedVisaAttempt(stripe) },
      }),
    });
    orderId = order.id;
    // The order's PaymentIntent, paid, whose ID the order has not stored yet.
    const intent = await stripe.paymentIntents.create({
      amount: 1200,
      currency: "usd",
      customer: customer.id,
      payment_method: "pm_card_visa",
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      metadata: { order_id: order.id },
    });
    intentId = intent.id;
  });
  afterAll(async () => {
    await prisma.$disconnect();
    delete (globalThis as { __prisma?: unknown }).__prisma;
    vi.unstubAllEnvs();
    await closeAppDatabase();
    await database.dispose();
  });

  it("applies a signed payment_intent.succeeded once, and ignores its replay", async () => {
    const payload = paymentIntentEvent(orderId, "payment_intent.succeeded", "succeeded", intentId);
    const first = await deliver(payload, sign(payload));
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-transform");
    expect(await first.json()).toEqual({ received: true, outcome: "processed" });
    const paid = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(paid.status).toBe("paid");
    expect(paid.webhookConfirmedAt).not.toBeNull();

    const replay = await deliver(payload, sign(payload));
    expect(await replay.json()).toEqual({ received: true, outcome: "duplicate" });
    const after = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(after.webhookConfirmedAt).toEqual(paid.webhookConfirmedAt);
    expect(after.updatedAt).toEqual(paid.updatedAt);
  });

  it("never turns a paid order back after a late payment_failed", async () => {
    const payload = paymentIntentEvent(
      orderId,
      "payment_intent.payment_failed",
      "requires_payment_method",
      intentId,
    );
    const response = await deliver(payload, sign(payload));
    expect(response.status).toBe(200);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("paid");
  });

  it.each([
    ["a null object", null],
    ["a numeric ID", { id: 42, object: "payment_intent", metadata: { order_id: "ORDER" } }],
    [
      "a NUL in the ID",
      { id: "pi_\u0000x", object: "payment_intent", metadata: { order_id: "ORDER" } },
    ],
    ["a numeric order ID", { id: "pi_x", object: "payment_intent", metadata: { order_id: 7 } }],
    [
      "a PaymentIntent Stripe never made",
      { id: "pi_unknown", object: "payment_intent", metadata: { order_id: "ORDER" } },
    ],
  ])("acknowledges a signed event with %s, changing nothing", async (_, described) => {
    // The order of this suite, not yet paid when the first test runs.
    const object = JSON.parse(
      JSON.stringify(described).replace('"ORDER"', JSON.stringify(orderId)),
    );
    const before = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    const payload = JSON.stringify({
      id: `evt_${randomUUID().replaceAll("-", "")}`,
      object: "event",
      type: "payment_intent.succeeded",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object },
    });
    const response = await deliver(payload, sign(payload));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: "ignored" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).toEqual(before);
  });

  it("refuses a tampered body", async () => {
    const payload = paymentIntentEvent(orderId, "payment_intent.succeeded", "succeeded");
    const signature = sign(payload);
    const response = await deliver(
      payload.replace('"status":"succeeded"', '"status":"canceled"'),
      signature,
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/signature/i);
  });

  it("refuses a signature older than five minutes", async () => {
    const payload = paymentIntentEvent(orderId, "payment_intent.succeeded", "succeeded");
    const stale = sign(payload, Math.floor(Date.now() / 1000) - 600);
    const response = await deliver(payload, stale);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/tolerance/i);
  });

  it("refuses a delivery without a signature", async () => {
    const payload = paymentIntentEvent(orderId, "payment_intent.succeeded", "succeeded");
    const response = await deliver(payload);
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-transform");
  });

  it("refuses a valid signature dated more than five minutes ahead", async () => {
    const before = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    const payload = paymentIntentEvent(orderId, "payment_intent.payment_failed", "canceled");
    const ahead = sign(payload, Math.floor(Date.now() / 1000) + 600);
    const response = await deliver(payload, ahead);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/future/i);
    const after = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(after.updatedAt).toEqual(before.updatedAt);
  });

  it("refuses a body whose Content-Length is over 1 MB without reading it", async () => {
    const body = endlessBody();
    const response = await POST(
      new Request("http://localhost/api/webhooks/stripe", {
        method: "POST",
        body: body.stream,
        duplex: "half",
        headers: { "content-length": String(256 * MB), "stripe-signature": sign("{}") },
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(body.bytesPulled()).toBe(0);
  });

  it("stops reading a body without Content-Length once it passes 1 MB", async () => {
    const body = endlessBody();
    const heapBefore = memoryInUse();
    const response = await POST(
      new Request("http://localhost/api/webhooks/stripe", {
        method: "POST",
        body: body.stream,
        duplex: "half",
        headers: { "stripe-signature": sign("{}") },
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/1 MB/);
    // The sender offers an endless body; the route takes a little over a megabyte of it.
    expect(body.bytesPulled()).toBeGreaterThan(MB);
    expect(body.bytesPulled()).toBeLessThan(2 * MB);
    expect(memoryInUse() - heapBefore).toBeLessThan(32 * MB);
  });

  it("accepts a signed thin event it has no use for", async () => {
    const ping = thinEvent("v2.core.event_destination.ping", null);
    const response = await deliver(ping, signThin(ping));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: "ignored" });
  });

  it("ignores an evaluation's completion when no saved evaluation waits for it", async () => {
    const complete = thinEvent("v2.signals.account_evaluation.complete", {
      id: "acctevl_unknown",
      type: "v2.signals.account_evaluation",
      url: "/v2/signals/account_evaluations/acctevl_unknown",
    });
    const response = await deliver(complete, signThin(complete));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: "ignored" });
  });

  it("refuses a tampered thin event, and one signed with another destination's secret", async () => {
    const complete = thinEvent("v2.signals.account_evaluation.complete", {
      id: "acctevl_1",
      type: "v2.signals.account_evaluation",
      url: "/v2/signals/account_evaluations/acctevl_1",
    });
    const tampered = await deliver(complete.replace("acctevl_1", "acctevl_2"), signThin(complete));
    expect(tampered.status).toBe(400);
    expect((await tampered.json()).error).toMatch(/signature/i);
    expect((await deliver(complete, sign(complete))).status).toBe(400);
    // Each secret verifies its own destination's events only.
    const payload = paymentIntentEvent(orderId, "payment_intent.succeeded", "succeeded", intentId);
    expect((await deliver(payload, signThin(payload))).status).toBe(400);
  });

  it("refuses a signature made with another secret", async () => {
    const payload = paymentIntentEvent(orderId, "payment_intent.succeeded", "succeeded");
    const forged = signer.webhooks.generateTestHeaderString({ payload, secret: "whsec_other" });
    expect((await deliver(payload, forged)).status).toBe(400);
  });
});
