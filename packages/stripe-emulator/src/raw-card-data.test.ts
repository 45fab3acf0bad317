import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./testing/in-process.ts";

const card = { number: "4242424242424242", exp_month: 12, exp_year: 2034, cvc: "123" };

describe("raw card numbers on /v1/payment_methods", () => {
  let emu: TestEmulator;
  let publishable: Stripe;

  beforeAll(async () => {
    emu = await startTestEmulator();
    publishable = new Stripe("pk_test_emulator", {
      host: "127.0.0.1",
      port: emu.port,
      protocol: "http",
    });
  });

  afterAll(() => emu.close());

  it("refuses them with a secret key, as Stripe does without raw card data access", async () => {
    const error = (await emu.stripe.paymentMethods
      .create({ type: "card", card })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error.statusCode).toBe(402);
    expect((error.raw as { type?: string }).type).toBe("invalid_request_error");
    expect(error.message).toMatch(
      /^Sending credit card numbers directly to the Stripe API is generally unsafe\./,
    );
    expect((await emu.stripe.paymentMethods.list()).data).toEqual([]);
  });

  it("accepts them with the publishable key, as Stripe.js sends them", async () => {
    const created = await publishable.paymentMethods.create({ type: "card", card });
    expect(created.card?.last4).toBe("4242");
    expect((await emu.stripe.paymentMethods.retrieve(created.id)).id).toBe(created.id);
  });

  it("accepts test tokens and test PaymentMethod IDs with the secret key", async () => {
    const fromToken = await emu.stripe.paymentMethods.create({
      type: "card",
      card: { token: "tok_mastercard" },
    });
    expect(fromToken.card?.brand).toBe("mastercard");
    const customer = await emu.stripe.customers.create({ email: "pm@example.com" });
    const attached = await emu.stripe.paymentMethods.attach("pm_card_visa", {
      customer: customer.id,
    });
    expect(attached.card?.last4).toBe("4242");
  });

  it("accepts them with a secret key when the account has raw card data access", async () => {
    const allowed = await startTestEmulator({ rawCardData: true });
    try {
      const created = await allowed.stripe.paymentMethods.create({ type: "card", card });
      expect(created.card?.last4).toBe("4242");
    } finally {
      await allowed.close();
    }
  });
});
