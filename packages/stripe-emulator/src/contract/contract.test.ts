import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../testing/in-process.ts";
import { SEED_EXAMPLES } from "./seed-examples.ts";

const ID_PREFIX: Record<string, string> = {
  cuseval_123456789: "cuseval_",
  cus_123456789: "cus_",
  peval_123456789: "peval_",
};

/**
 * Compares a response with a documented one key by key: same keys, same JSON types, IDs with the
 * documented prefix. A documented null only says the field is nullable, so any value passes.
 */
function expectSameShape(actual: unknown, documented: unknown, path = "$"): void {
  if (documented === null) return;
  if (Array.isArray(documented)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    const items = actual as unknown[];
    expect(items.length, `${path} length`).toBe(documented.length);
    documented.forEach((item, index) => {
      expectSameShape(items[index], item, `${path}[${index}]`);
    });
    return;
  }
  if (typeof documented === "object") {
    expect(actual, `${path} is an object`).toBeTypeOf("object");
    expect(actual, `${path} is not null`).not.toBeNull();
    const object = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(documented)) {
      expect(Object.hasOwn(object, key), `${path}.${key} present`).toBe(true);
      expectSameShape(object[key], value, `${path}.${key}`);
    }
    return;
  }
  expect(typeof actual, `${path} type`).toBe(typeof documented);
  if (typeof documented === "string") {
    const prefix = ID_PREFIX[documented];
    if (prefix) expect(actual as string, `${path} prefix`).toMatch(new RegExp(`^${prefix}`));
    else if (path.endsWith(".object") || path.endsWith(".event_type") || path.endsWith(".type")) {
      expect(actual, path).toBe(documented);
    }
  }
}

describe("contract: the seeds' request examples", () => {
  let emu: TestEmulator;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    emu = await startTestEmulator();
    const session = await emu.request("POST", "/v1/radar/session", "device_id=contract-device", {
      Authorization: "Bearer pk_test_emulator",
    });
    ids.radar_session = String(session.json.id);
    const customer = await emu.request("POST", "/v1/customers", "email=jenny%40example.com");
    ids.customer = String(customer.json.id);
    const pm = await emu.request(
      "POST",
      "/v1/payment_methods",
      "type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2034&card[cvc]=123",
      { Authorization: "Bearer pk_test_emulator" },
    );
    ids.payment_method = String(pm.json.id);
  });

  afterAll(() => emu.close());

  for (const example of SEED_EXAMPLES) {
    it(example.name, async () => {
      const fill = (text: string) =>
        text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
          const value = ids[name];
          if (!value) throw new Error(`no ${name} created yet`);
          return value;
        });
      const body = example.data
        .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(fill(value))}`)
        .join("&");
      const headers: Record<string, string> = example.stripeVersion
        ? { "Stripe-Version": example.stripeVersion }
        : {};
      const response = await emu.request(example.method, fill(example.path), body, headers);
      expect(response.status, JSON.stringify(response.json)).toBe(200);
      expect(response.headers.get("request-id")).toMatch(/^req_/);
      if (example.response) expectSameShape(response.json, example.response);
      expect(response.json.livemode).toBe(false);
      if (response.json.object === "radar.customer_evaluation" && example.method === "POST") {
        ids.customer_evaluation ??= String(response.json.id);
      }
      if (example.path === "/v1/payment_intents") {
        expect(response.json).toMatchObject({
          object: "payment_intent",
          status: "succeeded",
          customer: ids.customer,
          amount: 1000,
        });
      }
    });
  }

  it("creates the Customer for inline customer_data and links it", async () => {
    const response = await emu.request(
      "POST",
      "/v1/radar/customer_evaluations",
      "event_type=registration&evaluation_context[0][type]=customer_details&evaluation_context[0][customer_details][customer_data][email]=new%40example.com",
      { "Stripe-Version": "2026-03-04.preview" },
    );
    const customerId = String(response.json.customer);
    expect(customerId).toMatch(/^cus_/);
    const customer = await emu.request("GET", `/v1/customers/${customerId}`);
    expect(customer.json.email).toBe("new@example.com");
  });
});
