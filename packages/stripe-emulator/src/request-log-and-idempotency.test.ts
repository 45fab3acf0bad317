import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./testing/in-process.ts";

describe("errors' request_log_url and concurrent idempotent requests", () => {
  let emu: TestEmulator;
  let stripe: Stripe;

  beforeAll(async () => {
    emu = await startTestEmulator();
    // No automatic retry, so a 409 reaches the test as Stripe sends it.
    stripe = new Stripe("sk_test_emulator", {
      host: "127.0.0.1",
      port: emu.port,
      protocol: "http",
      maxNetworkRetries: 0,
    });
  });

  afterAll(() => emu.close());

  const control = (path: string, init: RequestInit = {}) =>
    fetch(`${emu.url}${path}`, { ...init, headers: emu.controlHeaders }).then((r) => r.json());

  it("links every error to the emulator's log entry of its request", async () => {
    const error = (await stripe.customers
      .retrieve("cus_missing")
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const url = new URL(
      String(error.raw && (error.raw as { request_log_url?: string }).request_log_url),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${emu.url}/_emulator/requests/${error.requestId}`);
    expect(Number(url.searchParams.get("t"))).toBeGreaterThan(1_700_000_000);

    const logged = (await control(url.pathname)) as { id: string; path: string; status: number };
    expect(logged).toMatchObject({
      id: error.requestId,
      path: "/v1/customers/cus_missing",
      status: 404,
    });
    // The log is the control API's: it needs the control token.
    expect((await fetch(url)).status).toBe(401);
  });

  it("links card errors and unknown URLs too", async () => {
    const declined = (await stripe.paymentIntents
      .create({
        amount: 1000,
        currency: "usd",
        payment_method: "pm_card_chargeDeclined",
        allowed_payment_method_types: ["card"],
        confirm: true,
      })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect((declined.raw as { request_log_url?: string }).request_log_url).toContain(
      `/_emulator/requests/${declined.requestId}`,
    );
    const unknown = await emu.request("GET", "/v1/nothing_here");
    expect(unknown.status).toBe(404);
    expect((unknown.json.error as { request_log_url: string }).request_log_url).toContain(
      `/_emulator/requests/${unknown.headers.get("request-id")}`,
    );
  });

  it("answers 409 to a second request with the key while the first runs, then replays", async () => {
    await control("/_emulator/faults", {
      method: "POST",
      body: JSON.stringify({ path: "/v1/customers", method: "POST", latency_ms: 600, count: 1 }),
    });
    const params = { email: "slow@example.com" };
    const first = stripe.customers.create(params, { idempotencyKey: "slow-create" });
    // The first request is in flight once the fault holds it.
    await expect
      .poll(async () => ((await control("/_emulator/faults")) as { data: unknown[] }).data.length)
      .toBe(0);
    const second = (await stripe.customers
      .create(params, { idempotencyKey: "slow-create" })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    // stripe-node turns every 409 into a StripeAPIError; the body says what it is.
    expect(second.statusCode).toBe(409);
    expect((second.raw as { type?: string }).type).toBe("idempotency_error");
    expect(second.code).toBe("idempotency_key_in_use");
    expect(second.message).toBe(
      "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): slow-create. Please try again later.",
    );

    const created = await first;
    const replayed = await stripe.customers.create(params, { idempotencyKey: "slow-create" });
    expect(replayed.id).toBe(created.id);
    expect(replayed.lastResponse.headers["idempotent-replayed"]).toBe("true");
    const all = await stripe.customers.list({ email: "slow@example.com" });
    expect(all.data.map((c) => c.id)).toEqual([created.id]);
  });
});
