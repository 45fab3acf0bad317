import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../testing/in-process.ts";
import { rejection } from "../testing/rejection.ts";

/** SetupIntents: saving a card for later, with Stripe's test cards. */
describe("contract: SetupIntents", () => {
  let emu: TestEmulator;
  let stripe: Stripe;
  const card = { automatic_payment_methods: { enabled: true, allow_redirects: "never" as const } };

  beforeAll(async () => {
    emu = await startTestEmulator();
    stripe = emu.stripe;
  });
  afterAll(async () => emu.close());

  it("saves a card: confirmed, succeeded, the PaymentMethod attached to the customer", async () => {
    const customer = await stripe.customers.create({ email: "saver@example.com" });
    const created = await stripe.setupIntents.create({
      customer: customer.id,
      payment_method: "pm_card_visa",
      usage: "off_session",
      metadata: { purpose: "subscription" },
      ...card,
    });
    expect(created).toMatchObject({
      object: "setup_intent",
      status: "requires_confirmation",
      customer: customer.id,
      usage: "off_session",
      metadata: { purpose: "subscription" },
    });
    expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_`));
    const confirmed = await stripe.setupIntents.confirm(created.id);
    expect(confirmed.status).toBe("succeeded");
    const saved = await stripe.customers.listPaymentMethods(customer.id);
    expect(saved.data.map((pm) => pm.id)).toEqual([confirmed.payment_method]);
    expect((await stripe.setupIntents.retrieve(created.id)).status).toBe("succeeded");
  });

  it("asks for 3D Secure for a card that needs it on setup", async () => {
    const intent = await stripe.setupIntents.create({
      payment_method: "pm_card_authenticationRequiredOnSetup",
      confirm: true,
      ...card,
    });
    expect(intent.status).toBe("requires_action");
    expect(intent.next_action?.type).toBe("use_stripe_sdk");
  });

  it("fails with the issuer's decline, leaving the SetupIntent for another card", async () => {
    const customer = await stripe.customers.create({ email: "declined@example.com" });
    const intent = await stripe.setupIntents.create({ customer: customer.id, ...card });
    const declined = await rejection(
      stripe.setupIntents.confirm(intent.id, { payment_method: "pm_card_chargeDeclined" }),
      Stripe.errors.StripeCardError,
    );
    expect(declined.code).toBe("card_declined");
    const after = await stripe.setupIntents.retrieve(intent.id);
    expect(after).toMatchObject({ status: "requires_payment_method", payment_method: null });
    expect(after.last_setup_error?.code).toBe("card_declined");
    expect((await stripe.customers.listPaymentMethods(customer.id)).data).toEqual([]);
  });

  it("needs a return_url unless redirects are off, and the client secret from Stripe.js", async () => {
    const intent = await stripe.setupIntents.create({ payment_method: "pm_card_visa" });
    const refused = await rejection(
      stripe.setupIntents.confirm(intent.id),
      Stripe.errors.StripeInvalidRequestError,
    );
    expect(refused.message).toMatch(/return_url/);
    const browser = await emu.request("GET", `/v1/setup_intents/${intent.id}`, undefined, {
      Authorization: "Bearer pk_test_emulator",
    });
    expect(browser.status).toBe(400);
    const withSecret = await emu.request(
      "GET",
      `/v1/setup_intents/${intent.id}?client_secret=${intent.client_secret}`,
      undefined,
      { Authorization: "Bearer pk_test_emulator" },
    );
    expect(withSecret.status).toBe(200);
  });
});
