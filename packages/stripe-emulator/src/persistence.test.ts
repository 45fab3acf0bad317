import { appendFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { type StartedEmulator, startEmulator } from "./testing/start-emulator.ts";

function client(emulator: StartedEmulator): Stripe {
  return new Stripe("sk_test_emulator", {
    host: "127.0.0.1",
    port: emulator.port,
    protocol: "http",
  });
}

async function session(emulator: StartedEmulator, deviceId: string): Promise<string> {
  const response = await fetch(`${emulator.url}/v1/radar/session`, {
    method: "POST",
    headers: {
      Authorization: "Bearer pk_test_emulator",
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: `device_id=${deviceId}`,
  });
  return String(((await response.json()) as { id: string }).id);
}

async function register(stripe: Stripe, customer: string, radarSession: string): Promise<string> {
  const evaluation = (await stripe.rawRequest(
    "POST",
    "/v1/radar/customer_evaluations",
    {
      event_type: "registration",
      evaluation_context: [
        { type: "customer_details", customer_details: { customer } },
        { type: "client_details", client_details: { radar_session: radarSession } },
      ],
    },
    { apiVersion: "2026-03-04.preview" },
  )) as unknown as { signals: { multi_accounting: { risk_level: string } } };
  return evaluation.signals.multi_accounting.risk_level;
}

describe("persistence", () => {
  it("keeps objects and risk history across a clean restart", async () => {
    const first = await startEmulator();
    const stripe = client(first);
    const customer = await stripe.customers.create({ email: "persist@example.com" });
    expect(await register(stripe, customer.id, await session(first, "restart-device"))).toBe(
      "normal",
    );
    await first.stop();

    const second = await startEmulator({ dataDir: first.dataDir });
    try {
      const again = client(second);
      expect((await again.customers.retrieve(customer.id)).id).toBe(customer.id);
      const other = await again.customers.create({ email: "persist-2@example.com" });
      expect(await register(again, other.id, await session(second, "restart-device"))).toBe(
        "elevated",
      );
    } finally {
      await second.stop();
    }
  });

  it("loses nothing acknowledged when killed with SIGKILL, and ignores a torn last line", async () => {
    const first = await startEmulator();
    const stripe = client(first);
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        stripe.customers.create({ email: `crash${i}@example.com` }),
      ),
    );
    first.kill();
    await new Promise((resolve) => setTimeout(resolve, 200));
    appendFileSync(
      join(first.dataDir, "journal.jsonl"),
      '{"op":"put","k":"customer","id":"cus_torn","o":{"id"',
    );

    const second = await startEmulator({ dataDir: first.dataDir });
    try {
      const again = client(second);
      for (const customer of created) {
        expect((await again.customers.retrieve(customer.id)).id).toBe(customer.id);
      }
      const health = (await fetch(`${second.url}/_emulator/health`).then((r) => r.json())) as {
        status: string;
      };
      expect(health.status).toBe("ok");
    } finally {
      await second.stop();
    }
  });

  it("reset clears everything, on disk too", async () => {
    const first = await startEmulator();
    const stripe = client(first);
    const customer = await stripe.customers.create({ email: "reset@example.com" });
    await fetch(`${first.url}/_emulator/reset`, {
      method: "POST",
      headers: { Authorization: `Bearer ${first.controlToken}` },
    });
    await expect(stripe.customers.retrieve(customer.id)).rejects.toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
    await first.stop();
    const second = await startEmulator({ dataDir: first.dataDir });
    try {
      await expect(client(second).customers.retrieve(customer.id)).rejects.toBeInstanceOf(
        Stripe.errors.StripeInvalidRequestError,
      );
    } finally {
      await second.stop();
    }
  });

  it("keeps the data dir's webhook secret and control token across a restart", async () => {
    const first = await startEmulator();
    const other = await startEmulator();
    await Promise.all([first.stop(), other.stop()]);
    expect(other.webhookSecret).not.toBe(first.webhookSecret);
    expect(other.controlToken).not.toBe(first.controlToken);
    const second = await startEmulator({ dataDir: first.dataDir });
    try {
      expect(second.webhookSecret).toBe(first.webhookSecret);
      const requests = (token: string) =>
        fetch(`${second.url}/_emulator/requests`, {
          headers: { Authorization: `Bearer ${token}` },
        });
      expect((await requests(first.controlToken)).status).toBe(200);
      expect((await requests(other.controlToken)).status).toBe(401);
    } finally {
      await second.stop();
    }
  });

  it("replays an idempotent POST after a crash and restart instead of running it again", async () => {
    const first = await startEmulator();
    const stripe = client(first);
    const params = {
      amount: 1200,
      currency: "usd",
      payment_method: "pm_card_visa",
      allowed_payment_method_types: ["card"],
      confirm: true,
    };
    const intent = await stripe.paymentIntents.create(params, { idempotencyKey: "order-1-pay" });
    const customer = await stripe.customers.create(
      { email: "once@example.com" },
      { idempotencyKey: "register-once" },
    );
    first.kill();
    await new Promise((resolve) => setTimeout(resolve, 200));

    const second = await startEmulator({ dataDir: first.dataDir });
    try {
      const again = client(second);
      const replayed = await again.paymentIntents.create(params, { idempotencyKey: "order-1-pay" });
      expect(replayed.id).toBe(intent.id);
      expect(replayed.lastResponse.headers["idempotent-replayed"]).toBe("true");
      expect((await again.paymentIntents.list({ limit: 100 })).data).toHaveLength(1);
      const sameCustomer = await again.customers.create(
        { email: "once@example.com" },
        { idempotencyKey: "register-once" },
      );
      expect(sameCustomer.id).toBe(customer.id);
      expect((await again.customers.list({ limit: 100 })).data).toHaveLength(1);
      await expect(
        again.customers.create({ email: "other@example.com" }, { idempotencyKey: "register-once" }),
      ).rejects.toMatchObject({ type: "StripeIdempotencyError" });
    } finally {
      await second.stop();
    }
  });

  it("delivers a webhook that was pending when the emulator died, once it restarts", async () => {
    const received: Array<{ body: string; signature: string }> = [];
    let failing = true;
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push({
          body: Buffer.concat(chunks).toString("utf8"),
          signature: String(request.headers["stripe-signature"]),
        });
        response.statusCode = failing ? 503 : 200;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const env = {
      STRIPE_EMULATOR_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
      STRIPE_EMULATOR_WEBHOOK_RETRY_DELAYS_MS: "3000,3000",
    };
    type Delivery = { event_type: string; status: string; attempts: Array<{ status: number }> };
    const deliveries = async (emulator: StartedEmulator) =>
      (
        (await fetch(`${emulator.url}/_emulator/webhook_deliveries`, {
          headers: { Authorization: `Bearer ${emulator.controlToken}` },
        }).then((r) => r.json())) as { data: Delivery[] }
      ).data;
    const first = await startEmulator({ env });
    let second: StartedEmulator | undefined;
    try {
      const customer = await client(first).customers.create({ email: "hooked@example.com" });
      await waitUntil(async () => (await deliveries(first))[0]?.attempts.length === 1);
      first.kill();
      failing = false;
      second = await startEmulator({ dataDir: first.dataDir, env });
      const restarted = second;
      await waitUntil(() => received.length === 2);
      const delivered = received[1];
      expect(delivered?.body).toContain(customer.id);
      const event = client(restarted).webhooks.constructEvent(
        delivered?.body ?? "",
        delivered?.signature ?? "",
        restarted.webhookSecret,
      );
      expect(event.type).toBe("customer.created");
      const [delivery] = await deliveries(restarted);
      expect(delivery).toMatchObject({ event_type: "customer.created", status: "succeeded" });
      expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([503, 200]);
    } finally {
      first.kill();
      await second?.stop();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
