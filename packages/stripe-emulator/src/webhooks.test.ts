import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromEnv } from "./config.ts";
import { startTestEmulator, type TestEmulator } from "./testing/in-process.ts";
import { waitFor } from "./testing/wait-for.ts";

interface Received {
  body: string;
  signature: string;
}

const SECRET = "whsec_emulator_webhook_test";

describe("webhooks", () => {
  let emu: TestEmulator;
  let receiver: Server;
  const received: Received[] = [];
  let failuresLeft = 0;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        if (failuresLeft > 0) {
          failuresLeft--;
          response.statusCode = 500;
          response.end("not yet");
          return;
        }
        received.push({
          body: Buffer.concat(chunks).toString("utf8"),
          signature: String(request.headers["stripe-signature"]),
        });
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const port = (receiver.address() as AddressInfo).port;
    emu = await startTestEmulator({
      webhook: { url: `http://127.0.0.1:${port}/webhooks`, secret: SECRET },
      webhookRetryDelaysMs: [50, 100],
    });
  });

  afterAll(async () => {
    await emu.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it("registers the configured endpoint once", async () => {
    const endpoints = await emu.stripe.webhookEndpoints.list();
    expect(endpoints.data).toHaveLength(1);
    expect(endpoints.data[0]?.enabled_events).toEqual(["*"]);
  });

  it("delivers signed events that stripe.webhooks.constructEvent verifies", async () => {
    const customer = await emu.stripe.customers.create({ email: "hook@example.com" });
    const delivery = await waitFor(() => received.find((r) => r.body.includes(customer.id)));
    const event = emu.stripe.webhooks.constructEvent(delivery.body, delivery.signature, SECRET);
    expect(event.type).toBe("customer.created");
    expect((event.data.object as Stripe.Customer).id).toBe(customer.id);
    expect(() =>
      emu.stripe.webhooks.constructEvent(delivery.body, delivery.signature, "whsec_wrong"),
    ).toThrow();
  });

  it("sends payment_intent.succeeded and payment_intent.payment_failed", async () => {
    const ok = await emu.stripe.paymentIntents.create({
      amount: 500,
      currency: "usd",
      payment_method: "pm_card_visa",
      allowed_payment_method_types: ["card"],
      confirm: true,
    });
    await emu.stripe.paymentIntents
      .create({
        amount: 500,
        currency: "usd",
        payment_method: "pm_card_chargeDeclined",
        allowed_payment_method_types: ["card"],
        confirm: true,
      })
      .catch(() => undefined);
    const succeeded = await waitFor(() =>
      received.find((r) => r.body.includes('"payment_intent.succeeded"') && r.body.includes(ok.id)),
    );
    expect(succeeded).toBeDefined();
    await waitFor(() => received.find((r) => r.body.includes('"payment_intent.payment_failed"')));
  });

  it("retries a failing endpoint with backoff until it succeeds", async () => {
    failuresLeft = 2;
    const customer = await emu.stripe.customers.create({ email: "retry-hook@example.com" });
    await waitFor(() => received.find((r) => r.body.includes(customer.id)));
    type Delivery = { event_type: string; status: string; attempts: Array<{ status: number }> };
    let delivery: Delivery | undefined;
    for (let i = 0; i < 100 && !delivery; i++) {
      const deliveries = (await fetch(`${emu.url}/_emulator/webhook_deliveries`, {
        headers: emu.controlHeaders,
      }).then((r) => r.json())) as {
        data: Delivery[];
      };
      delivery = deliveries.data.find((d) => d.status === "succeeded" && d.attempts.length === 3);
      if (!delivery) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (!delivery) throw new Error("no delivery with three attempts");
    expect(delivery.status).toBe("succeeded");
    expect(delivery.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
  });
});

describe("an endpoint configured with STRIPE_EMULATOR_WEBHOOK_EVENTS", () => {
  let emu: TestEmulator;
  let receiver: Server;
  const types: string[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        types.push((JSON.parse(Buffer.concat(chunks).toString("utf8")) as Stripe.Event).type);
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const port = (receiver.address() as AddressInfo).port;
    const { webhook } = configFromEnv({
      STRIPE_EMULATOR_WEBHOOK_URL: `http://127.0.0.1:${port}/webhooks`,
      STRIPE_WEBHOOK_SECRET: SECRET,
      STRIPE_EMULATOR_WEBHOOK_EVENTS: " payment_intent.succeeded, ,payment_intent.payment_failed",
    });
    emu = await startTestEmulator({ webhook });
  });

  afterAll(async () => {
    await emu.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it("receives only the listed event types", async () => {
    const [endpoint] = (await emu.stripe.webhookEndpoints.list()).data;
    expect(endpoint?.enabled_events).toEqual([
      "payment_intent.succeeded",
      "payment_intent.payment_failed",
    ]);
    const customer = await emu.stripe.customers.create({ email: "filtered@example.com" });
    await emu.stripe.paymentIntents.create({
      amount: 500,
      currency: "usd",
      customer: customer.id,
      payment_method: "pm_card_visa",
      allowed_payment_method_types: ["card"],
      confirm: true,
    });
    await waitFor(() => (types.includes("payment_intent.succeeded") ? true : undefined));
    expect(types).not.toContain("customer.created");
    expect(types).not.toContain("payment_intent.created");
  });
});
