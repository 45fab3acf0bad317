import { appendFileSync } from "node:fs";
import { join } from "node:path";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { type StartedEmulator, startEmulator } from "./testing/start-emulator";

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
});
