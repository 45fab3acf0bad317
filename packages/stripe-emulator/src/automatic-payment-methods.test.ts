import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./testing/in-process.ts";

const RETURN_URL_REQUIRED =
  "A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.";

describe("PaymentIntents without a list of payment method types", () => {
  let emu: TestEmulator;
  let stripe: Stripe;

  beforeAll(async () => {
    emu = await startTestEmulator();
    stripe = emu.stripe;
  });

  afterAll(() => emu.close());

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error as Stripe.errors.StripeError,
    );

  it("default to automatic payment methods with redirects allowed", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    expect(intent.automatic_payment_methods).toEqual({ enabled: true, allow_redirects: "always" });
    expect(intent.payment_method_types).toEqual(["card"]);

    const cards = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      allowed_payment_method_types: ["card", "ideal"],
    });
    expect(cards.automatic_payment_methods).toBeNull();
    expect(cards.payment_method_types).toEqual(["card"]);
  });

  it("refuse to confirm without a return_url while redirects are allowed", async () => {
    const customer = await stripe.customers.create({ email: "redirects@example.com" });
    const error = await refusal(
      stripe.paymentIntents.create({
        amount: 1000,
        currency: "usd",
        customer: customer.id,
        payment_method: "pm_card_visa",
        confirm: true,
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error?.message).toBe(RETURN_URL_REQUIRED);
    // Nothing was created by the refused request.
    expect((await stripe.paymentIntents.list({ customer: customer.id })).data).toEqual([]);

    const intent = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      payment_method: "pm_card_visa",
    });
    const again = await refusal(stripe.paymentIntents.confirm(intent.id));
    expect(again?.message).toBe(RETURN_URL_REQUIRED);
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe("requires_confirmation");
    const paid = await stripe.paymentIntents.confirm(intent.id, {
      return_url: "https://shop.example/return",
    });
    expect(paid.status).toBe("succeeded");
  });

  it("confirm without a return_url when redirects are never allowed or types are given", async () => {
    const never = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      payment_method: "pm_card_visa",
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      confirm: true,
    });
    expect(never.status).toBe("succeeded");
    expect(never.automatic_payment_methods).toEqual({ enabled: true, allow_redirects: "never" });
    const typed = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      payment_method: "pm_card_visa",
      allowed_payment_method_types: ["card"],
      confirm: true,
    });
    expect(typed.status).toBe("succeeded");
    // Before 2026-09-30.endive, payment_method_types named the types.
    const older = (await stripe.rawRequest(
      "POST",
      "/v1/payment_intents",
      {
        amount: 1000,
        currency: "usd",
        payment_method: "pm_card_visa",
        payment_method_types: ["card"],
        confirm: true,
      },
      { apiVersion: "2025-03-31.basil" },
    )) as unknown as Stripe.PaymentIntent;
    expect(older.status).toBe("succeeded");
    expect(older.automatic_payment_methods).toBeNull();
  });

  it("send 3D Secure to the return_url when one is given", async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      payment_method: "pm_card_threeDSecureRequired",
      return_url: "https://shop.example/return",
      confirm: true,
    });
    expect(intent.status).toBe("requires_action");
    expect(intent.next_action?.redirect_to_url?.return_url).toBe("https://shop.example/return");
  });

  it("refuse payment_method_types on the current version, and two ways of choosing types", async () => {
    const removed = await refusal(
      stripe.rawRequest("POST", "/v1/payment_intents", {
        amount: 1000,
        currency: "usd",
        payment_method_types: ["card"],
      }),
    );
    expect(removed).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(removed?.code).toBe("payment_method_types_no_longer_supported");
    expect(removed?.param).toBe("payment_method_types");

    const both = await refusal(
      stripe.paymentIntents.create({
        amount: 1000,
        currency: "usd",
        allowed_payment_method_types: ["card"],
        automatic_payment_methods: { enabled: true },
      }),
    );
    expect(both).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(both?.message).toBe(
      "You may only specify one of these parameters: automatic_payment_methods, allowed_payment_method_types.",
    );
  });
});
