import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../testing/in-process.ts";
import { rejection } from "../testing/rejection.ts";

/** Search on customers, PaymentIntents and charges, in Stripe's query language. */
describe("contract: search", () => {
  let emu: TestEmulator;
  let stripe: Stripe;
  const card = { automatic_payment_methods: { enabled: true, allow_redirects: "never" as const } };

  beforeAll(async () => {
    emu = await startTestEmulator();
    stripe = emu.stripe;
  });
  afterAll(async () => emu.close());

  it("finds customers by field, metadata, AND and OR, newest first, in Stripe's result shape", async () => {
    const ada = await stripe.customers.create({
      email: "ada@search.test",
      name: "Ada",
      metadata: { tier: "gold" },
    });
    const bob = await stripe.customers.create({
      email: "bob@search.test",
      name: "Bob",
      metadata: { tier: "gold" },
    });
    await stripe.customers.create({
      email: "cy@search.test",
      name: "Cy",
      metadata: { tier: "silver" },
    });

    const byEmail = await stripe.customers.search({ query: "email:'ada@search.test'" });
    expect(byEmail).toMatchObject({
      object: "search_result",
      has_more: false,
      next_page: null,
      url: "/v1/customers/search",
    });
    expect(byEmail.data.map((customer) => customer.id)).toEqual([ada.id]);

    const gold = await stripe.customers.search({ query: `metadata['tier']:'gold'` });
    expect(gold.data.map((customer) => customer.id)).toEqual([bob.id, ada.id]);

    const both = await stripe.customers.search({ query: `metadata["tier"]:"gold" AND name:'Bob'` });
    expect(both.data.map((customer) => customer.id)).toEqual([bob.id]);

    const either = await stripe.customers.search({ query: "name:'Ada' OR name:'Cy'" });
    expect(either.data.map((customer) => customer.name)).toEqual(["Cy", "Ada"]);

    const notGold = await stripe.customers.search({
      query: "-metadata['tier']:'gold' AND email~'search.test'",
    });
    expect(notGold.data.map((customer) => customer.name)).toEqual(["Cy"]);
  });

  it("reads /v1/customers/search as a search, never as a customer named search", async () => {
    const missing = await rejection(
      stripe.customers.search({ query: "" }),
      Stripe.errors.StripeInvalidRequestError,
    );
    expect(missing.message).toMatch(/query/);
    expect(missing.message).not.toMatch(/No such customer/);
  });

  it("pages with next_page", async () => {
    for (const name of ["p1", "p2", "p3"]) {
      await stripe.customers.create({ name, metadata: { batch: "paged" } });
    }
    const first = await stripe.customers.search({ query: "metadata['batch']:'paged'", limit: 2 });
    expect(first.data.map((customer) => customer.name)).toEqual(["p3", "p2"]);
    expect(first.has_more).toBe(true);
    const next = await stripe.customers.search({
      query: "metadata['batch']:'paged'",
      limit: 2,
      page: first.next_page ?? "",
    });
    expect(next.data.map((customer) => customer.name)).toEqual(["p1"]);
    expect(next).toMatchObject({ has_more: false, next_page: null });
  });

  it("finds PaymentIntents and charges by status, customer, metadata and amount", async () => {
    const customer = await stripe.customers.create({ email: "payer@search.test" });
    const paid = await stripe.paymentIntents.create({
      amount: 5000,
      currency: "eur",
      customer: customer.id,
      payment_method: "pm_card_visa",
      metadata: { order_id: "search-1" },
      confirm: true,
      ...card,
    });
    const small = await stripe.paymentIntents.create({
      amount: 700,
      currency: "eur",
      customer: customer.id,
      ...card,
    });

    const byMetadata = await stripe.paymentIntents.search({
      query: "metadata['order_id']:'search-1'",
    });
    expect(byMetadata.data.map((intent) => intent.id)).toEqual([paid.id]);
    const succeeded = await stripe.paymentIntents.search({
      query: `customer:'${customer.id}' AND status:'succeeded'`,
    });
    expect(succeeded.data.map((intent) => intent.id)).toEqual([paid.id]);
    const large = await stripe.paymentIntents.search({
      query: `customer:'${customer.id}' AND amount>1000`,
    });
    expect(large.data.map((intent) => intent.id)).toEqual([paid.id]);
    const under = await stripe.paymentIntents.search({
      query: `customer:'${customer.id}' AND amount<=700`,
    });
    expect(under.data.map((intent) => intent.id)).toEqual([small.id]);

    const charges = await stripe.charges.search({ query: `payment_intent:'${paid.id}'` });
    expect(charges.data.map((charge) => charge.id)).toEqual([paid.latest_charge]);
    expect(charges.url).toBe("/v1/charges/search");
  });

  it("refuses a query that mixes AND and OR, or is not in the query language", async () => {
    const mixed = await rejection(
      stripe.customers.search({ query: "name:'a' AND name:'b' OR name:'c'" }),
      Stripe.errors.StripeInvalidRequestError,
    );
    expect(mixed.message).toMatch(/cannot mix AND and OR/);
    const garbage = await rejection(
      stripe.charges.search({ query: "amount is big" }),
      Stripe.errors.StripeInvalidRequestError,
    );
    expect(garbage.param).toBe("query");
  });
});
