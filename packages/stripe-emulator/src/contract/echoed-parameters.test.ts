import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../testing/in-process.ts";

/**
 * Parameters a typical integration sends that the emulator does not model are accepted, and those
 * the object shows are stored and answered back, on create and on later updates.
 */
describe("contract: parameters echoed on the object", () => {
  let emu: TestEmulator;
  let stripe: Stripe;
  const address = { line1: "1 Main St", city: "Paris", postal_code: "75001", country: "FR" };

  beforeAll(async () => {
    emu = await startTestEmulator();
    stripe = emu.stripe;
  });
  afterAll(async () => emu.close());

  it("keeps a customer's shipping and tax_exempt", async () => {
    const customer = await stripe.customers.create({
      email: "ship@example.com",
      shipping: { name: "Ada", address },
      tax_exempt: "exempt",
    });
    expect(customer.shipping).toEqual({
      address: { ...address, line2: null, state: null },
      carrier: null,
      name: "Ada",
      phone: null,
      tracking_number: null,
    });
    expect(customer.tax_exempt).toBe("exempt");
    const updated = await stripe.customers.update(customer.id, {
      shipping: "",
      tax_exempt: "none",
    });
    expect(updated).toMatchObject({ shipping: null, tax_exempt: "none" });
    expect(await stripe.customers.retrieve(customer.id)).toMatchObject({ shipping: null });
  });

  it("keeps a PaymentIntent's shipping, statement descriptor suffix and card options, and its charge shows them", async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 2500,
      currency: "eur",
      payment_method: "pm_card_visa",
      statement_descriptor_suffix: "ORDER 42",
      shipping: { name: "Ada", address, carrier: "La Poste" },
      payment_method_options: { card: { request_three_d_secure: "any" } },
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    });
    expect(intent).toMatchObject({
      statement_descriptor_suffix: "ORDER 42",
      shipping: { name: "Ada", carrier: "La Poste" },
      payment_method_options: { card: { request_three_d_secure: "any" } },
    });
    const confirmed = await stripe.paymentIntents.confirm(intent.id, {
      radar_options: { session: "rse_from_the_browser" },
      shipping: { name: "Bob", address },
    });
    expect(confirmed.shipping?.name).toBe("Bob");
    const charge = await stripe.charges.retrieve(String(confirmed.latest_charge));
    expect(charge).toMatchObject({
      statement_descriptor_suffix: "ORDER 42",
      calculated_statement_descriptor: "EMULATOR* ORDER 42",
      shipping: { name: "Bob" },
    });
    expect(charge.outcome).not.toHaveProperty("rule");
  });
});
