import { request as httpRequest } from "node:http";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./testing/in-process.ts";

/** Customer Evaluations answer only preview versions. */
const PREVIEW = { "Stripe-Version": "2026-03-04.preview" };

/** Sends raw bytes, bypassing fetch's encoding, and returns status + body. */
function rawPost(
  port: number,
  path: string,
  body: Buffer | string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: {
          Authorization: "Bearer sk_test_emulator",
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            json: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function errorOf(json: Record<string, unknown>): Record<string, unknown> {
  return json.error as Record<string, unknown>;
}

describe("wire protocol", () => {
  let emu: TestEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.close());

  it("accepts HTTP Basic auth with the key as user name", async () => {
    const basic = Buffer.from("sk_test_emulator:").toString("base64");
    const response = await emu.request("GET", "/v1/customers", undefined, {
      Authorization: `Basic ${basic}`,
    });
    expect(response.status).toBe(200);
    expect(response.json.object).toBe("list");
  });

  it("answers 401 with Stripe's body when the key is missing", async () => {
    const response = await fetch(`${emu.url}/v1/customers`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as Record<string, unknown>;
    expect(errorOf(body).type).toBe("invalid_request_error");
    expect(String(errorOf(body).message)).toMatch(/did not provide an API key/);
  });

  it("puts a Request-Id on every response, errors and unknown URLs included", async () => {
    for (const path of ["/v1/customers", "/v1/unknown", "/nowhere", "/_emulator/health"]) {
      const response = await fetch(emu.url + path);
      expect(response.headers.get("request-id"), path).toMatch(/^req_/);
    }
  });

  it("answers CORS preflights for the browser's origin", async () => {
    const response = await fetch(`${emu.url}/v1/radar/session`, {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:3000",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(response.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
  });

  it("serves the stand-in Stripe.js at /v3/ and /v3", async () => {
    for (const path of ["/v3/", "/v3"]) {
      const response = await fetch(emu.url + path);
      expect(response.headers.get("content-type")).toMatch(/javascript/);
      expect(await response.text()).toContain("window.Stripe = Stripe");
    }
  });

  it("completes a 3D Secure challenge from the challenge page's form and redirects", async () => {
    const intent = await emu.stripe.paymentIntents.create({
      amount: 700,
      currency: "usd",
      payment_method: "pm_card_threeDSecureRequired",
      confirm: true,
      return_url: "http://localhost:3000/done",
    });
    expect(intent.next_action?.type).toBe("redirect_to_url");
    const page = await fetch(intent.next_action?.redirect_to_url?.url ?? "");
    expect(await page.text()).toContain("Complete authentication");
    const response = await fetch(`${emu.url}/_emulator/3ds/${intent.id}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_secret: intent.client_secret ?? "",
        return_url: "http://localhost:3000/done",
        result: "approve",
      }).toString(),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(
      /^http:\/\/localhost:3000\/done\?payment_intent=pi_/,
    );
    expect((await emu.stripe.paymentIntents.retrieve(intent.id)).status).toBe("succeeded");
  });

  it("answers an unrecognised URL with 404", async () => {
    const response = await emu.request("GET", "/v1/radar/nothing");
    expect(response.status).toBe(404);
    expect(String(errorOf(response.json).message)).toMatch(/Unrecognized request URL/);
  });

  it("reads GET query strings with bracket syntax", async () => {
    await emu.request("POST", "/v1/customers", "email=query%40example.com");
    const response = await emu.request("GET", "/v1/customers?email=query%40example.com&limit=1");
    expect((response.json.data as unknown[]).length).toBe(1);
  });

  it("replays an idempotent request and marks the replay", async () => {
    const headers = { "Idempotency-Key": "wire-replay" };
    const first = await emu.request("POST", "/v1/customers", "email=once%40example.com", headers);
    const second = await emu.request("POST", "/v1/customers", "email=once%40example.com", headers);
    expect(second.json.id).toBe(first.json.id);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const different = await emu.request(
      "POST",
      "/v1/customers",
      "email=twice%40example.com",
      headers,
    );
    expect(different.status).toBe(400);
    expect(errorOf(different.json).type).toBe("idempotency_error");
  });

  it.each([
    ["2026-01-28.preview", 200],
    ["2026-03-04.preview", 200],
    ["2026-10-28.endive", 200],
    ["banana", 400],
    ["2026-02-31", 400],
  ])("Stripe-Version %s → %i", async (version, status) => {
    const response = await emu.request("GET", "/v1/customers", undefined, {
      "Stripe-Version": version,
    });
    expect(response.status).toBe(status);
  });

  it("rejects wrong types with parameter_invalid_* naming the param", async () => {
    const response = await emu.request(
      "POST",
      "/v1/radar/payment_evaluations",
      "customer_details[email]=a%40b.c&payment_details[amount]=ten&payment_details[currency]=usd&payment_details[payment_method_details][payment_method]=pm_card_visa",
    );
    expect(response.status).toBe(400);
    expect(errorOf(response.json)).toMatchObject({
      code: "parameter_invalid_integer",
      param: "payment_details[amount]",
    });
  });

  it("names a nested missing param in Payment Evaluations", async () => {
    const response = await emu.request(
      "POST",
      "/v1/radar/payment_evaluations",
      "customer_details[email]=a%40b.c&payment_details[amount]=100&payment_details[currency]=usd",
    );
    expect(errorOf(response.json)).toMatchObject({
      code: "parameter_missing",
      param: "payment_details[payment_method_details]",
    });
  });

  it("answers Payment Evaluations in the caller's version shape", async () => {
    const body =
      "customer_details[email]=a%40b.c&payment_details[amount]=100&payment_details[currency]=usd&payment_details[payment_method_details][payment_method]=pm_card_riskLevelElevated";
    const old = await emu.request("POST", "/v1/radar/payment_evaluations", body, {
      "Stripe-Version": "2026-01-28.preview",
    });
    expect(old.json).toMatchObject({
      status: "requires_action",
      insights: { fraudulent_dispute: { recommended_action: "continue", risk_score: 70 } },
    });
    expect(old.json.signals).toBeUndefined();
    const current = await emu.request("POST", "/v1/radar/payment_evaluations", body, {
      "Stripe-Version": "2026-03-25.dahlia",
    });
    expect(current.json).toMatchObject({
      recommended_action: "continue",
      signals: { fraudulent_payment: { risk_level: "elevated", score: 70 } },
      outcome: null,
      events: [],
    });
    expect(current.json.insights).toBeUndefined();
  });

  it("answers a card error for an invalid number", async () => {
    const response = await emu.request(
      "POST",
      "/v1/payment_methods",
      "type=card&card[number]=4242424242424241&card[exp_month]=1&card[exp_year]=2040",
      { Authorization: "Bearer pk_test_emulator" },
    );
    expect(response.status).toBe(402);
    expect(errorOf(response.json)).toMatchObject({ type: "card_error", code: "incorrect_number" });
  });

  describe("bad input never crashes it", () => {
    const cases: Array<[string, Buffer | string]> = [
      ["malformed percent-encoding", "email=%ZZ%E0%A4"],
      ["non-UTF-8 bytes", Buffer.from([0x65, 0x3d, 0xff, 0xfe, 0xc3])],
      ["deep nesting", `metadata${"[a]".repeat(40)}=1`],
      ["an array where a string belongs", "email[0]=a&email[1]=b"],
      ["an object where an array belongs", "preferred_locales[x]=en"],
      ["a huge array index", "preferred_locales[99999999]=en"],
      ["thousands of params", Array.from({ length: 5000 }, (_, i) => `m${i}=1`).join("&")],
      ["a 2 MB body", `description=${"x".repeat(2 * 1024 * 1024)}`],
    ];
    it.each(cases)("%s gets a Stripe-shaped 4xx", async (_, body) => {
      const response = await rawPost(emu.port, "/v1/customers", body);
      expect([400, 413]).toContain(response.status);
      expect(errorOf(response.json).type).toBe("invalid_request_error");
      expect(typeof errorOf(response.json).message).toBe("string");
    });

    it("answers random garbage without a 5xx", async () => {
      let seed = 42;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const alphabet = "ab=&[]%0Z9+\u00ff\u0000_.;";
      const paths = [
        "/v1/customers",
        "/v1/radar/customer_evaluations",
        "/v1/radar/payment_evaluations",
        "/v1/payment_methods",
        "/v1/payment_intents",
        "/v1/radar/session",
        "/v1/customers/%E0%A4%A",
      ];
      for (let i = 0; i < 150; i++) {
        const length = Math.floor(random() * 200);
        let body = "";
        for (let j = 0; j < length; j++) body += alphabet[Math.floor(random() * alphabet.length)];
        const path = paths[i % paths.length] ?? "/v1/customers";
        const response = await rawPost(emu.port, path, Buffer.from(body, "latin1"));
        expect(response.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
      }
    });

    it("keeps serving afterwards", async () => {
      expect((await emu.request("GET", "/v1/customers")).status).toBe(200);
    });
  });
});

describe("fault injection", () => {
  let emu: TestEmulator;
  const fault = (body: object) =>
    fetch(`${emu.url}/_emulator/faults`, {
      method: "POST",
      headers: emu.controlHeaders,
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ id: string }>);

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.close());

  it("adds latency to matching requests only", async () => {
    await fault({
      path: "/v1/radar/customer_evaluations",
      method: "GET",
      latency_ms: 300,
      count: 1,
    });
    const started = Date.now();
    await emu.request("GET", "/v1/radar/customer_evaluations/cuseval_x", undefined, PREVIEW);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const again = Date.now();
    await emu.request("GET", "/v1/radar/customer_evaluations/cuseval_x", undefined, PREVIEW);
    expect(Date.now() - again).toBeLessThan(250);
  });

  it("drops the connection", async () => {
    await fault({ path: "/v1/customers", drop: true, count: 1 });
    await expect(
      fetch(`${emu.url}/v1/customers`, { headers: { Authorization: "Bearer sk_test_x" } }),
    ).rejects.toThrow();
  });

  it("lets stripe-node's default retries ride out a single 500 with the same idempotency key", async () => {
    const stripe = new Stripe("sk_test_emulator", {
      host: "127.0.0.1",
      port: emu.port,
      protocol: "http",
    });
    await fault({ path: "/v1/customers", method: "POST", status: 500, count: 1 });
    const customer = await stripe.customers.create({ email: "retry@example.com" });
    expect(customer.id).toMatch(/^cus_/);
    const log = (await fetch(`${emu.url}/_emulator/requests?path=/v1/customers&limit=5`, {
      headers: emu.controlHeaders,
    }).then((r) => r.json())) as { data: Array<{ status: number; method: string }> };
    expect(
      log.data
        .filter((entry) => entry.method === "POST")
        .map((entry) => entry.status)
        .slice(0, 2),
    ).toEqual([200, 500]);
  });

  it("makes stripe-node raise StripeConnectionError when every attempt is dropped", async () => {
    const stripe = new Stripe("sk_test_emulator", {
      host: "127.0.0.1",
      port: emu.port,
      protocol: "http",
    });
    const { id } = await fault({ path: "/v1/payment_intents", drop: true });
    await expect(stripe.paymentIntents.list()).rejects.toBeInstanceOf(
      Stripe.errors.StripeConnectionError,
    );
    await fetch(`${emu.url}/_emulator/faults/${id}`, {
      method: "DELETE",
      headers: emu.controlHeaders,
    });
    expect((await stripe.paymentIntents.list()).object).toBe("list");
  });

  it("lists and removes faults", async () => {
    const { id } = await fault({ path: "/v1/events", status: 503 });
    const listed = (await fetch(`${emu.url}/_emulator/faults`, {
      headers: emu.controlHeaders,
    }).then((r) => r.json())) as {
      data: Array<{ id: string }>;
    };
    expect(listed.data.map((f) => f.id)).toContain(id);
    expect((await emu.request("GET", "/v1/events")).status).toBe(503);
    await fetch(`${emu.url}/_emulator/faults/${id}`, {
      method: "DELETE",
      headers: emu.controlHeaders,
    });
    expect((await emu.request("GET", "/v1/events")).status).toBe(200);
  });

  it("rejects a malformed fault", async () => {
    const response = await fetch(`${emu.url}/_emulator/faults`, {
      method: "POST",
      headers: emu.controlHeaders,
      body: JSON.stringify({ path: "v1", status: "boom" }),
    });
    expect(response.status).toBe(400);
  });
});
