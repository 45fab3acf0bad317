import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./testing/in-process.ts";

interface Signal {
  score: number;
  risk_level: string;
}

describe("risk model over HTTP", () => {
  let emu: TestEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.close());

  async function session(
    deviceId: string | null,
    timezone = "Europe/Paris",
    ip?: string,
  ): Promise<string> {
    const body = new URLSearchParams({ timezone });
    if (deviceId) body.set("device_id", deviceId);
    const headers: Record<string, string> = { Authorization: "Bearer pk_test_emulator" };
    if (ip) headers["X-Forwarded-For"] = ip;
    const response = await emu.request("POST", "/v1/radar/session", body.toString(), headers);
    return String(response.json.id);
  }

  async function customer(email: string, phone?: string): Promise<string> {
    const body = new URLSearchParams({ email });
    if (phone) body.set("phone", phone);
    return String((await emu.request("POST", "/v1/customers", body.toString())).json.id);
  }

  async function evaluate(
    eventType: "registration" | "login",
    customerId: string,
    radarSession: string | null,
  ): Promise<{ id: string; signal: Signal }> {
    const body = new URLSearchParams({
      event_type: eventType,
      "evaluation_context[0][type]": "customer_details",
      "evaluation_context[0][customer_details][customer]": customerId,
    });
    if (radarSession) {
      body.set("evaluation_context[1][type]", "client_details");
      body.set("evaluation_context[1][client_details][radar_session]", radarSession);
    }
    const response = await emu.request("POST", "/v1/radar/customer_evaluations", body.toString(), {
      "Stripe-Version": "2026-03-04.preview",
    });
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    const signals = response.json.signals as Record<string, Signal>;
    const signal = signals[eventType === "registration" ? "multi_accounting" : "account_sharing"];
    if (!signal) throw new Error("no signal");
    return { id: String(response.json.id), signal };
  }

  it("multi_accounting: normal, elevated, highest for 1st, 2nd, 3rd customer on a device", async () => {
    const levels: string[] = [];
    for (let i = 0; i < 4; i++) {
      const result = await evaluate(
        "registration",
        await customer(`multi${i}@example.com`),
        await session("shared-device"),
      );
      levels.push(result.signal.risk_level);
    }
    expect(levels).toEqual(["normal", "elevated", "highest", "highest"]);
  });

  it("multi_accounting: a shared IP alone stays normal", async () => {
    for (let i = 0; i < 30; i++) {
      const result = await evaluate(
        "registration",
        await customer(`ip${i}@example.com`),
        await session(`ip-device-${i}`, "UTC", "203.0.113.9"),
      );
      expect(result.signal.risk_level).toBe("normal");
      expect(result.signal.score).toBeLessThan(65);
    }
  });

  it("multi_accounting: the same normalised email is elevated", async () => {
    await customer("jenny.rosen@example.com");
    const second = await customer("Jenny.Rosen+promo@Example.com");
    const result = await evaluate("registration", second, await session("email-device"));
    expect(result.signal.risk_level).toBe("elevated");
  });

  it("multi_accounting: not_assessed without a Radar Session", async () => {
    const result = await evaluate("registration", await customer("nosession@example.com"), null);
    expect(result.signal.risk_level).toBe("not_assessed");
  });

  it("account_sharing: one device normal, a second from another timezone elevated, a third highest", async () => {
    const id = await customer("sharer@example.com");
    const one = await evaluate("login", id, await session("home-laptop", "Europe/Paris"));
    const again = await evaluate("login", id, await session("home-laptop", "Europe/Paris"));
    const two = await evaluate("login", id, await session("phone", "America/New_York"));
    const three = await evaluate("login", id, await session("office", "Asia/Tokyo"));
    expect([one, again, two, three].map((r) => r.signal.risk_level)).toEqual([
      "normal",
      "normal",
      "elevated",
      "highest",
    ]);
    const none = await evaluate("login", id, null);
    expect(none.signal.risk_level).toBe("not_assessed");
  });

  it("account_sharing: a second device from another IP is elevated, from the same place normal", async () => {
    const id = await customer("ip-sharer@example.com");
    await evaluate("login", id, await session("ip-home", "UTC", "198.51.100.1"));
    const sameSpot = await evaluate("login", id, await session("ip-tablet", "UTC", "198.51.100.1"));
    expect(sameSpot.signal).toMatchObject({ risk_level: "normal", score: 40 });
    const other = await customer("ip-sharer-2@example.com");
    await evaluate("login", other, await session("ip-home-2", "UTC", "198.51.100.1"));
    const elsewhere = await evaluate(
      "login",
      other,
      await session("ip-cafe", "UTC", "198.51.100.2"),
    );
    expect(elsewhere.signal).toMatchObject({ risk_level: "elevated", score: 66 });
  });

  it("explains an evaluation factor by factor", async () => {
    const id = await customer("explain@example.com");
    await evaluate(
      "registration",
      await customer("explain-first@example.com"),
      await session("explain-device"),
    );
    const result = await evaluate("registration", id, await session("explain-device"));
    const response = await fetch(`${emu.url}/_emulator/explain/${result.id}`, {
      headers: emu.controlHeaders,
    });
    const explanation = (await response.json()) as {
      signal: string;
      score: number;
      factors: Array<{ name: string; points: number }>;
    };
    expect(explanation.signal).toBe("multi_accounting");
    expect(explanation.score).toBe(result.signal.score);
    const byName = Object.fromEntries(explanation.factors.map((f) => [f.name, f.points]));
    expect(byName.base).toBe(10);
    expect(byName.device_reuse).toBe(56);
    expect(explanation.factors.reduce((sum, f) => sum + f.points, 0)).toBe(result.signal.score);
    expect(
      (await fetch(`${emu.url}/_emulator/explain/cuseval_nope`, { headers: emu.controlHeaders }))
        .status,
    ).toBe(404);
  });

  it("fraudulent_payment: earlier signals, amount and billing mismatch move a normal card", async () => {
    const id = await customer("risky-payer@example.com");
    const device = await session("risky-payer-device");
    await evaluate("login", id, device);
    await evaluate("login", id, await session("risky-2", "America/New_York"));
    await evaluate("login", id, await session("risky-3", "Asia/Tokyo"));
    const body = new URLSearchParams({
      "customer_details[customer]": id,
      "payment_details[amount]": "150000",
      "payment_details[currency]": "usd",
      "payment_details[payment_method_details][payment_method]": "pm_card_visa",
      "client_device_metadata_details[radar_session]": device,
      "payment_details[payment_method_details][billing_details][address][country]": "GB",
    });
    const response = await emu.request("POST", "/v1/radar/payment_evaluations", body.toString());
    const signal = (response.json.signals as Record<string, Signal>).fraudulent_payment;
    // base + amount ≥ 100000 + earlier highest account_sharing + billing country ≠ card country
    expect(signal?.score).toBe(10 + 20 + 30 + 10);
    expect(signal?.risk_level).toBe("elevated");
    const explanation = (await fetch(`${emu.url}/_emulator/explain/${response.json.id}`, {
      headers: emu.controlHeaders,
    }).then((r) => r.json())) as { recommended_action: string; signal: string };
    expect(explanation).toMatchObject({
      signal: "fraudulent_payment",
      recommended_action: "continue",
    });
  });
});
