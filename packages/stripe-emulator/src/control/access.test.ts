import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../testing/in-process.ts";

const APP = "http://localhost:3000";
const EVIL = "http://evil.example";

/** Every token-protected control route, with a method that would act on it. */
const CONTROL_ROUTES: Array<[string, string]> = [
  ["POST", "/_emulator/reset"],
  ["GET", "/_emulator/requests"],
  ["POST", "/_emulator/faults"],
  ["GET", "/_emulator/faults"],
  ["DELETE", "/_emulator/faults"],
  ["DELETE", "/_emulator/faults/fault_x"],
  ["GET", "/_emulator/explain/cuseval_x"],
  ["GET", "/_emulator/webhook_deliveries"],
];

describe("control API access", () => {
  let emu: TestEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator({ allowedOrigins: [APP] });
  });
  afterAll(() => emu.close());

  const customerSurvives = async (id: string) =>
    expect((await emu.stripe.customers.retrieve(id)).id).toBe(id);

  it("refuses a cross-origin form POST to /_emulator/reset, and state survives", async () => {
    const customer = await emu.stripe.customers.create({ email: "keep@example.com" });
    // What a page on another site can make any browser send: a simple form POST, no token.
    const response = await fetch(`${emu.url}/_emulator/reset`, {
      method: "POST",
      headers: { Origin: EVIL, "Content-Type": "application/x-www-form-urlencoded" },
      body: "confirm=1",
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    await customerSurvives(customer.id);
  });

  it("refuses a foreign origin even with the token", async () => {
    const customer = await emu.stripe.customers.create({ email: "keep-2@example.com" });
    const response = await fetch(`${emu.url}/_emulator/reset`, {
      method: "POST",
      headers: { Origin: EVIL, ...emu.controlHeaders },
    });
    expect(response.status).toBe(403);
    await customerSurvives(customer.id);
  });

  it.each(CONTROL_ROUTES)(
    "refuses %s %s without the token or with a wrong one",
    async (method, path) => {
      const customer = await emu.stripe.customers.create({ email: "keep-3@example.com" });
      const attempts: Array<Record<string, string>> = [
        {},
        { Authorization: "Bearer emutok_wrong" },
        { Authorization: `Bearer ${emu.controlToken}x` },
        { Authorization: "Bearer sk_test_emulator" },
        { Authorization: `Basic ${Buffer.from(`${emu.controlToken}:`).toString("base64")}` },
      ];
      for (const headers of attempts) {
        const response = await fetch(emu.url + path, {
          method,
          headers,
          body:
            method === "POST" ? JSON.stringify({ path: "/v1/customers", status: 500 }) : undefined,
        });
        expect(response.status, JSON.stringify(headers)).toBe(401);
      }
      expect((await emu.stripe.customers.list({ limit: 100 })).data.length).toBeGreaterThan(0);
      await customerSurvives(customer.id);
      const faults = await fetch(`${emu.url}/_emulator/faults`, { headers: emu.controlHeaders });
      expect(((await faults.json()) as { data: unknown[] }).data).toEqual([]);
    },
  );

  it("answers the token from the app's origin, without credentials or private-network CORS", async () => {
    const preflight = await fetch(`${emu.url}/_emulator/requests`, {
      method: "OPTIONS",
      headers: {
        Origin: APP,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization",
        "Access-Control-Request-Private-Network": "true",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(APP);
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    expect(preflight.headers.get("access-control-allow-private-network")).toBeNull();
    const response = await fetch(`${emu.url}/_emulator/requests`, {
      headers: { Origin: APP, ...emu.controlHeaders },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("refuses a foreign origin's preflight to the control API", async () => {
    const preflight = await fetch(`${emu.url}/_emulator/requests`, {
      method: "OPTIONS",
      headers: {
        Origin: EVIL,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Private-Network": "true",
      },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    expect(preflight.headers.get("access-control-allow-private-network")).toBeNull();
  });

  it("never shows card numbers or CVCs in /_emulator/requests, nor lets another origin read it", async () => {
    const body = new URLSearchParams({
      type: "card",
      "card[number]": "4000 0025 0000 3155",
      "card[exp_month]": "12",
      "card[exp_year]": "2034",
      "card[cvc]": "987",
    }).toString();
    const created = await fetch(`${emu.url}/v1/payment_methods`, {
      method: "POST",
      headers: {
        Origin: EVIL,
        Authorization: "Bearer pk_test_emulator",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body,
    });
    expect(created.status).toBe(200);
    // Stripe.js calls from any shop's page are allowed, but never with cookies.
    expect(created.headers.get("access-control-allow-origin")).toBe(EVIL);
    expect(created.headers.get("access-control-allow-credentials")).toBeNull();

    const stolen = await fetch(`${emu.url}/_emulator/requests?path=/v1/payment_methods`, {
      headers: { Origin: EVIL },
    });
    expect(stolen.status).toBe(403);
    expect(stolen.headers.get("access-control-allow-origin")).toBeNull();
    expect(stolen.headers.get("access-control-allow-credentials")).toBeNull();
    expect(await stolen.text()).not.toMatch(/3155/);

    const log = await fetch(`${emu.url}/_emulator/requests?path=/v1/payment_methods`, {
      headers: emu.controlHeaders,
    });
    const text = await log.text();
    expect(text).not.toContain("4000002500003155");
    expect(text).not.toContain("4000 0025");
    // The CVC next to its name, in any encoding (the digits alone may occur in IDs and times).
    expect(text).not.toMatch(/cvc(%5D|\W){0,8}987/i);
    const entry = (JSON.parse(text) as { data: Array<{ body: { card: Record<string, string> } }> })
      .data[0];
    expect(entry?.body.card).toMatchObject({ number: "************3155", cvc: "***" });
  });

  it("masks card data in a body it cannot parse, too", async () => {
    await fetch(`${emu.url}/v1/payment_methods`, {
      method: "POST",
      headers: {
        Authorization: "Bearer pk_test_emulator",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "type=card&card%5Bnumber%5D=4242424242424242&card%5Bcvc%5D=123&bad=%ZZ",
    });
    const log = await fetch(`${emu.url}/_emulator/requests?path=/v1/payment_methods&limit=1`, {
      headers: emu.controlHeaders,
    });
    const text = await log.text();
    expect(text).toContain("************4242");
    expect(text).not.toContain("4242424242424242");
    expect(text).not.toContain("=123");
  });

  it("keeps the 3D Secure challenge working from a browser, authorised by the client secret", async () => {
    const intent = await emu.stripe.paymentIntents.create({
      amount: 700,
      currency: "usd",
      payment_method: "pm_card_threeDSecureRequired",
      allowed_payment_method_types: ["card"],
      confirm: true,
    });
    const challenge = `${emu.url}/_emulator/3ds/${intent.id}`;
    const wrong = await fetch(`${challenge}?client_secret=${intent.id}_secret_wrong`);
    expect(wrong.status).toBe(400);
    const forged = await fetch(challenge, {
      method: "POST",
      headers: { Origin: EVIL, "Content-Type": "application/json" },
      body: JSON.stringify({ client_secret: `${intent.id}_secret_wrong`, result: "approve" }),
    });
    expect(forged.status).toBe(400);
    expect((await emu.stripe.paymentIntents.retrieve(intent.id)).status).toBe("requires_action");

    const page = await fetch(`${challenge}?client_secret=${intent.client_secret}`);
    expect(page.status).toBe(200);
    // The stand-in Stripe.js on the shop's page completes it with the client secret only.
    const completed = await fetch(challenge, {
      method: "POST",
      headers: {
        Origin: "http://localhost:4321",
        Authorization: "Bearer pk_test_emulator",
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ client_secret: intent.client_secret, result: "approve" }),
    });
    expect(completed.status).toBe(200);
    expect(completed.headers.get("access-control-allow-origin")).toBe("http://localhost:4321");
    expect(completed.headers.get("access-control-allow-credentials")).toBeNull();
    expect((await emu.stripe.paymentIntents.retrieve(intent.id)).status).toBe("succeeded");
  });

  it("leaves the health check open to local tools", async () => {
    const response = await fetch(`${emu.url}/_emulator/health`);
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain(emu.controlToken);
  });
});
