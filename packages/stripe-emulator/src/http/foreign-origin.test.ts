import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../testing/in-process.ts";

const APP = "http://localhost:3000";
const EVIL = "http://evil.example";
const SECRET = { Authorization: "Bearer sk_test_anything" };

/** What a page on another origin, open in the presenter's browser, sends with fetch. */
describe("the secret-key API against a page of another origin", () => {
  let emu: TestEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator({
      allowedOrigins: [APP],
      webhook: { url: `${APP}/api/webhooks/stripe` },
    });
  });
  afterAll(() => emu.close());

  it("refuses to list customers or PaymentIntents", async () => {
    await emu.stripe.customers.create({ email: "victim@example.com" });
    for (const path of ["/v1/customers", "/v1/payment_intents"]) {
      const response = await fetch(`${emu.url}${path}`, { headers: { Origin: EVIL, ...SECRET } });
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain("victim@example.com");
    }
  });

  it("refuses to point the webhook endpoint elsewhere", async () => {
    const [endpoint] = (await emu.stripe.webhookEndpoints.list()).data;
    if (!endpoint) throw new Error("The emulator made the app's endpoint");
    const response = await fetch(`${emu.url}/v1/webhook_endpoints/${endpoint.id}`, {
      method: "POST",
      headers: { Origin: EVIL, "Content-Type": "application/x-www-form-urlencoded", ...SECRET },
      body: "url=http://evil.example/hook",
    });
    expect(response.status).toBe(403);
    expect((await emu.stripe.webhookEndpoints.retrieve(endpoint.id)).url).toBe(endpoint.url);
  });

  it("refuses the app's own pages too: no page needs a secret key", async () => {
    const response = await fetch(`${emu.url}/v1/customers`, {
      headers: { Origin: APP, ...SECRET },
    });
    expect(response.status).toBe(403);
  });

  it("grants Private Network Access to the app's origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${emu.url}/v1/radar/session`, {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Private-Network": "true",
        },
      });
    const foreign = await preflight(EVIL);
    expect(foreign.headers.get("access-control-allow-private-network")).toBeNull();
    const app = await preflight(APP);
    expect(app.headers.get("access-control-allow-private-network")).toBe("true");
    expect(app.headers.get("access-control-allow-origin")).toBe(APP);
  });

  it("still answers servers, which send no Origin", async () => {
    const response = await fetch(`${emu.url}/v1/customers`, { headers: SECRET });
    expect(response.status).toBe(200);
  });
});
