import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./testing/in-process.ts";

describe("expand[] through the stripe npm package", () => {
  let emu: TestEmulator;
  let stripe: Stripe;

  beforeAll(async () => {
    emu = await startTestEmulator();
    stripe = emu.stripe;
  });

  afterAll(() => emu.close());

  async function paidIntent(email: string): Promise<{ customer: string; intent: string }> {
    const customer = await stripe.customers.create({ email });
    const intent = await stripe.paymentIntents.create({
      amount: 1800,
      currency: "usd",
      customer: customer.id,
      payment_method: "pm_card_visa",
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      confirm: true,
    });
    return { customer: customer.id, intent: intent.id };
  }

  it("leaves IDs as they are without expand", async () => {
    const { intent } = await paidIntent("plain@example.com");
    const retrieved = await stripe.paymentIntents.retrieve(intent);
    expect(retrieved.customer).toMatch(/^cus_/);
    expect(retrieved.payment_method).toMatch(/^pm_/);
  });

  it("expands customer and payment_method on retrieve, create and update", async () => {
    const { customer, intent } = await paidIntent("expand@example.com");
    const retrieved = await stripe.paymentIntents.retrieve(intent, {
      expand: ["customer", "payment_method"],
    });
    const expandedCustomer = retrieved.customer as Stripe.Customer;
    expect(expandedCustomer.object).toBe("customer");
    expect(expandedCustomer.id).toBe(customer);
    expect(expandedCustomer.email).toBe("expand@example.com");
    const paymentMethod = retrieved.payment_method as Stripe.PaymentMethod;
    expect(paymentMethod.object).toBe("payment_method");
    expect(paymentMethod.card?.last4).toBe("4242");

    const created = await stripe.paymentIntents.create({
      amount: 700,
      currency: "usd",
      customer,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      expand: ["customer"],
    });
    expect((created.customer as Stripe.Customer).email).toBe("expand@example.com");

    const updated = await stripe.paymentIntents.update(created.id, {
      payment_method: "pm_card_mastercard",
      expand: ["payment_method"],
    });
    expect((updated.payment_method as Stripe.PaymentMethod).card?.brand).toBe("mastercard");
    // What is stored keeps the ID: expansion shapes only this response.
    expect((await stripe.paymentIntents.retrieve(created.id)).payment_method).toMatch(/^pm_/);
  });

  it("expands data.* on lists and nested paths", async () => {
    const { customer } = await paidIntent("list-expand@example.com");
    const listed = await stripe.paymentIntents.list({
      customer,
      expand: ["data.customer", "data.payment_method.customer"],
    });
    expect(listed.data.map((pi) => (pi.customer as Stripe.Customer).email)).toEqual([
      "list-expand@example.com",
    ]);
    expect(listed.data.map((pi) => (pi.payment_method as Stripe.PaymentMethod).object)).toEqual([
      "payment_method",
    ]);

    const attached = await stripe.paymentMethods.attach("pm_card_amex", { customer });
    const intent = await stripe.paymentIntents.create({
      amount: 900,
      currency: "usd",
      customer,
      payment_method: attached.id,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      expand: ["payment_method.customer"],
    });
    const nested = intent.payment_method as Stripe.PaymentMethod;
    expect(nested.card?.brand).toBe("amex");
    expect((nested.customer as Stripe.Customer).email).toBe("list-expand@example.com");

    const methods = await stripe.paymentMethods.list({
      customer,
      type: "card",
      expand: ["data.customer"],
    });
    expect(methods.data.map((pm) => (pm.customer as Stripe.Customer).id)).toEqual([customer]);
  });

  it("expands latest_charge, and the charge's own fields", async () => {
    const { customer, intent } = await paidIntent("charge-expand@example.com");
    const retrieved = await stripe.paymentIntents.retrieve(intent, {
      expand: ["latest_charge.customer"],
    });
    const charge = retrieved.latest_charge as Stripe.Charge;
    expect(charge.object).toBe("charge");
    expect(charge.payment_intent).toBe(intent);
    expect((charge.customer as Stripe.Customer).id).toBe(customer);

    const charges = await stripe.charges.list({ customer, expand: ["data.payment_intent"] });
    expect(charges.data.map((c) => (c.payment_intent as Stripe.PaymentIntent).id)).toEqual([
      intent,
    ]);
  });

  it("leaves a null field null", async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 500,
      currency: "usd",
      allowed_payment_method_types: ["card"],
      expand: ["customer", "payment_method"],
    });
    expect(intent.customer).toBeNull();
    expect(intent.payment_method).toBeNull();
  });

  it("refuses a field that cannot be expanded, more than four levels and a non-list data", async () => {
    const { intent } = await paidIntent("refused@example.com");
    const refused = (expand: string[]) =>
      stripe.paymentIntents.retrieve(intent, { expand }).catch((error: unknown) => error);

    const metadata = (await refused(["metadata"])) as Stripe.errors.StripeError;
    expect(metadata).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(metadata.statusCode).toBe(400);
    expect(metadata.message).toBe("This property cannot be expanded (metadata).");

    const nested = (await refused(["customer.email"])) as Stripe.errors.StripeError;
    expect(nested.message).toBe("This property cannot be expanded (customer.email).");

    const notAList = (await refused(["data.customer"])) as Stripe.errors.StripeError;
    expect(notAList.message).toBe("This property cannot be expanded (data).");

    const deep = (await refused(["payment_method.customer.a.b.c"])) as Stripe.errors.StripeError;
    expect(deep.message).toBe("You cannot expand more than 4 levels of a property.");

    // Refused before the request runs: nothing is created.
    const create = (await stripe.customers
      .create({ email: "never@example.com", expand: ["metadata"] })
      .catch((error: unknown) => error)) as Stripe.errors.StripeError;
    expect(create.message).toBe("This property cannot be expanded (metadata).");
    expect((await stripe.customers.list({ email: "never@example.com" })).data).toEqual([]);

    const onList = (await stripe.customers
      .list({ expand: ["customer"] })
      .catch((error: unknown) => error)) as Stripe.errors.StripeError;
    expect(onList.message).toBe("This property cannot be expanded (customer).");
  });
});
