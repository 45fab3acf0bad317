import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./testing/in-process.ts";

interface CustomerEvaluation {
  id: string;
  object: string;
  customer: string | null;
  events: Array<{ type: string; registration_failed: { reason: string } | null }> | null;
  signals: { multi_accounting?: { score: number; risk_level: string } };
}

describe("the stripe npm package against the emulator", () => {
  let emu: TestEmulator;
  let stripe: Stripe;
  let publishable: Stripe;

  beforeAll(async () => {
    emu = await startTestEmulator();
    stripe = emu.stripe;
    publishable = new Stripe("pk_test_emulator", {
      host: "127.0.0.1",
      port: emu.port,
      protocol: "http",
    });
  });

  afterAll(() => emu.close());

  async function radarSession(deviceId: string): Promise<string> {
    const session = await publishable.rawRequest("POST", "/v1/radar/session", {
      device_id: deviceId,
    });
    return String((session as unknown as { id: string }).id);
  }

  function evaluate(params: Record<string, unknown>): Promise<CustomerEvaluation> {
    return stripe.rawRequest("POST", "/v1/radar/customer_evaluations", params, {
      apiVersion: "2026-03-04.preview",
    }) as unknown as Promise<CustomerEvaluation>;
  }

  it("creates, retrieves and reports customer evaluations through rawRequest", async () => {
    const customer = await stripe.customers.create({ email: "raw@example.com" });
    const session = await radarSession("node-device-1");
    const evaluation = await evaluate({
      event_type: "registration",
      evaluation_context: [
        { type: "client_details", client_details: { radar_session: session } },
        { type: "customer_details", customer_details: { customer: customer.id } },
      ],
    });
    expect(evaluation.object).toBe("radar.customer_evaluation");
    expect(evaluation.customer).toBe(customer.id);
    expect(evaluation.signals.multi_accounting?.risk_level).toBe("normal");

    const retrieved = (await stripe.rawRequest(
      "GET",
      `/v1/radar/customer_evaluations/${evaluation.id}`,
      {},
      { apiVersion: "2026-03-04.preview" },
    )) as unknown as CustomerEvaluation;
    expect(retrieved.id).toBe(evaluation.id);

    const reported = (await stripe.rawRequest(
      "POST",
      `/v1/radar/customer_evaluations/${evaluation.id}/report`,
      {
        type: "registration_failed",
        registration_failed: { reason: "suspected_multi_accounting" },
      },
      { apiVersion: "2026-03-04.preview" },
    )) as unknown as CustomerEvaluation;
    expect(reported.events?.[0]).toMatchObject({
      type: "registration_failed",
      registration_failed: { reason: "suspected_multi_accounting" },
    });
  });

  it("rejects a second success report of the same kind", async () => {
    const evaluation = await evaluate({
      event_type: "registration",
      evaluation_context: [
        {
          type: "customer_details",
          customer_details: { customer_data: { email: "twice@example.com" } },
        },
      ],
    });
    const report = () =>
      stripe.rawRequest(
        "POST",
        `/v1/radar/customer_evaluations/${evaluation.id}/report`,
        { type: "registration_success" },
        { apiVersion: "2026-03-04.preview" },
      );
    await report();
    await expect(report()).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it("creates payment evaluations with stripe.radar.paymentEvaluations in the endive shape", async () => {
    const customer = await stripe.customers.create({ email: "payer@example.com" });
    const evaluation = await stripe.radar.paymentEvaluations.create({
      customer_details: { customer: customer.id, email: "payer@example.com" },
      payment_details: {
        amount: 4200,
        currency: "usd",
        payment_method_details: {
          payment_method: "pm_card_visa",
          billing_details: { address: { country: "US", postal_code: "94107" }, name: "Payer" },
        },
        money_movement_details: {
          money_movement_type: "card",
          card: { customer_presence: "on_session", payment_type: "one_off" },
        },
        shipping_details: { address: { country: "US" }, name: "Payer" },
        description: "Order 1",
        statement_descriptor: "SHOP",
      },
      client_device_metadata_details: { radar_session: await radarSession("payer-device") },
      metadata: { order: "1" },
    });
    expect(evaluation.object).toBe("radar.payment_evaluation");
    expect(evaluation.recommended_action).toBe("continue");
    expect(evaluation.signals.fraudulent_payment.risk_level).toBe("normal");
    expect(evaluation.outcome).toBeNull();
    expect(evaluation.metadata).toEqual({ order: "1" });
    expect(evaluation.payment_details?.money_movement_details?.card?.payment_type).toBe("one_off");

    const blocked = await stripe.radar.paymentEvaluations.create({
      customer_details: { customer: customer.id },
      payment_details: {
        amount: 100,
        currency: "usd",
        payment_method_details: { payment_method: "pm_card_chargeDeclinedFraudulent" },
      },
    });
    expect(blocked.recommended_action).toBe("block");
    expect(blocked.signals.fraudulent_payment.risk_level).toBe("highest");
  });

  it("records a PaymentIntent's result as the payment evaluation's outcome", async () => {
    const customer = await stripe.customers.create({ email: "outcome@example.com" });
    const evaluate = (payment_method: string) =>
      stripe.radar.paymentEvaluations.create({
        customer_details: { customer: customer.id },
        payment_details: {
          amount: 1500,
          currency: "usd",
          payment_method_details: { payment_method },
        },
      });
    const paid = await evaluate("pm_card_visa");
    const intent = await stripe.paymentIntents.create({
      amount: 1500,
      currency: "usd",
      customer: customer.id,
      payment_method: "pm_card_visa",
      allowed_payment_method_types: ["card"],
      confirm: true,
    });
    const declined = await evaluate("pm_card_chargeDeclinedInsufficientFunds");
    await stripe.paymentIntents
      .create({
        amount: 1500,
        currency: "usd",
        customer: customer.id,
        payment_method: "pm_card_chargeDeclinedInsufficientFunds",
        allowed_payment_method_types: ["card"],
        confirm: true,
      })
      .catch(() => undefined);
    const stored = async (id: string) =>
      (await fetch(`${emu.url}/_emulator/explain/${id}`, { headers: emu.controlHeaders }).then(
        (r) => r.json(),
      )) as {
        outcome: Record<string, unknown> | null;
      };
    expect((await stored(paid.id)).outcome).toMatchObject({
      type: "succeeded",
      payment_intent_id: intent.id,
    });
    expect((await stored(declined.id)).outcome).toMatchObject({
      type: "rejected",
      rejected: { card: { reason: "insufficient_funds" } },
    });
  });

  it("manages customers: create, retrieve, update, list by email, delete", async () => {
    const created = await stripe.customers.create({
      email: "list-me@example.com",
      name: "List Me",
      metadata: { plan: "pro" },
    });
    expect(created.id).toMatch(/^cus_/);
    const updated = await stripe.customers.update(created.id, {
      name: "Listed",
      metadata: { plan: "" },
    });
    expect(updated.name).toBe("Listed");
    expect(updated.metadata).toEqual({});
    const listed = await stripe.customers.list({ email: "list-me@example.com" });
    expect(listed.data.map((c) => c.id)).toEqual([created.id]);
    const deleted = await stripe.customers.del(created.id);
    expect(deleted.deleted).toBe(true);
    const again = await stripe.customers.retrieve(created.id);
    expect(again.deleted).toBe(true);
  });

  it("pages through lists with starting_after", async () => {
    for (let i = 0; i < 3; i++) await stripe.customers.create({ email: `page${i}@example.com` });
    const first = await stripe.customers.list({ limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);
    const second = await stripe.customers.list({ limit: 2, starting_after: first.data[1]?.id });
    expect(second.data[0]?.id).not.toBe(first.data[1]?.id);
  });

  it("creates, retrieves and attaches payment methods; pm_card_ IDs work", async () => {
    const customer = await stripe.customers.create({ email: "pm@example.com" });
    const pm = await publishable.paymentMethods.create({
      type: "card",
      card: { number: "5555555555554444", exp_month: 12, exp_year: 2034, cvc: "123" },
    });
    expect(pm.card?.brand).toBe("mastercard");
    expect(pm.card?.last4).toBe("4444");
    const attached = await stripe.paymentMethods.attach(pm.id, { customer: customer.id });
    expect(attached.customer).toBe(customer.id);
    expect((await stripe.paymentMethods.retrieve(pm.id)).id).toBe(pm.id);
    const visa = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    expect(visa.id).toMatch(/^pm_/);
    expect(visa.card?.last4).toBe("4242");

    const updated = await stripe.paymentMethods.update(pm.id, {
      billing_details: { name: "Card Holder" },
      metadata: { nickname: "work" },
    });
    expect(updated.billing_details.name).toBe("Card Holder");
    const listed = await stripe.paymentMethods.list({ customer: customer.id, type: "card" });
    expect(listed.data.map((p) => p.id).sort()).toEqual([pm.id, visa.id].sort());
    const viaCustomer = await stripe.customers.listPaymentMethods(customer.id);
    expect(viaCustomer.data).toHaveLength(2);
    const detached = await stripe.paymentMethods.detach(pm.id);
    expect(detached.customer).toBeNull();
    await expect(stripe.paymentMethods.detach(pm.id)).rejects.toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
    const withDefault = await stripe.customers.update(customer.id, {
      invoice_settings: { default_payment_method: visa.id },
    });
    expect(withDefault.invoice_settings.default_payment_method).toBe(visa.id);
  });

  it("rejects invalid cards from Stripe.js (publishable key) with StripeCardError", async () => {
    const error = await publishable.paymentMethods
      .create({ type: "card", card: { number: "4242424242424241", exp_month: 12, exp_year: 2034 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect((error as Stripe.errors.StripeCardError).code).toBe("incorrect_number");
    const expired = await publishable.paymentMethods
      .create({ type: "card", card: { number: "4242424242424242", exp_month: 1, exp_year: 2020 } })
      .catch((e: unknown) => e);
    expect((expired as Stripe.errors.StripeCardError).code).toBe("invalid_expiry_year");
  });

  it("moves PaymentIntents: success, decline, 3DS, cancel, list by customer", async () => {
    const customer = await stripe.customers.create({ email: "pi@example.com" });
    const ok = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      customer: customer.id,
      payment_method: "pm_card_visa",
      allowed_payment_method_types: ["card"],
      confirm: true,
      metadata: { order: "o1" },
    });
    expect(ok.status).toBe("succeeded");
    expect(ok.amount_received).toBe(1000);

    const declined = await stripe.paymentIntents
      .create({
        amount: 1000,
        currency: "usd",
        customer: customer.id,
        payment_method: "pm_card_chargeDeclined",
        allowed_payment_method_types: ["card"],
        confirm: true,
      })
      .catch((error: unknown) => error);
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    const cardError = declined as Stripe.errors.StripeCardError;
    expect(cardError.decline_code).toBe("generic_decline");
    const failedIntent = cardError.payment_intent;
    expect(failedIntent?.status).toBe("requires_payment_method");
    expect(failedIntent?.last_payment_error?.code).toBe("card_declined");

    const threeDs = await stripe.paymentIntents.create({
      amount: 2000,
      currency: "usd",
      customer: customer.id,
      payment_method: "pm_card_threeDSecureRequired",
      allowed_payment_method_types: ["card"],
      confirm: true,
    });
    expect(threeDs.status).toBe("requires_action");
    expect(threeDs.next_action?.type).toBe("use_stripe_sdk");

    const pending = await stripe.paymentIntents.create({
      amount: 500,
      currency: "eur",
      customer: customer.id,
      allowed_payment_method_types: ["card"],
    });
    const repriced = await stripe.paymentIntents.update(pending.id, {
      amount: 600,
      metadata: { cart: "c1" },
    });
    expect(repriced.amount).toBe(600);
    expect(repriced.metadata).toEqual({ cart: "c1" });
    expect(pending.status).toBe("requires_payment_method");
    const confirmed = await stripe.paymentIntents.confirm(pending.id, {
      payment_method: "pm_card_mastercard",
    });
    expect(confirmed.status).toBe("succeeded");
    await expect(stripe.paymentIntents.cancel(confirmed.id)).rejects.toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
    const canceled = await stripe.paymentIntents.cancel(threeDs.id, {
      cancellation_reason: "abandoned",
    });
    expect(canceled.status).toBe("canceled");

    const listed = await stripe.paymentIntents.list({ customer: customer.id, limit: 10 });
    expect(listed.data).toHaveLength(4);
    expect(listed.data.every((pi) => pi.customer === customer.id)).toBe(true);
    expect((await stripe.paymentIntents.retrieve(ok.id)).metadata).toEqual({ order: "o1" });
  });

  it("creates, lists and deletes webhook endpoints and lists events", async () => {
    const endpoint = await stripe.webhookEndpoints.create({
      url: "http://127.0.0.1:9/hooks",
      enabled_events: ["customer.created"],
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect((await stripe.webhookEndpoints.list()).data.some((e) => e.id === endpoint.id)).toBe(
      true,
    );
    const retrieved = await stripe.webhookEndpoints.retrieve(endpoint.id);
    expect(retrieved.url).toBe("http://127.0.0.1:9/hooks");
    expect(retrieved.secret).toBeUndefined();
    const disabled = await stripe.webhookEndpoints.update(endpoint.id, { disabled: true });
    expect(disabled.status).toBe("disabled");
    expect((await stripe.webhookEndpoints.del(endpoint.id)).deleted).toBe(true);
    const events = await stripe.events.list({ type: "customer.created", limit: 3 });
    expect(events.data.length).toBeGreaterThan(0);
    const first = events.data[0];
    expect(first?.type).toBe("customer.created");
    expect((await stripe.events.retrieve(first?.id ?? "")).id).toBe(first?.id);
  });

  describe("error classes", () => {
    it("StripeInvalidRequestError for a missing param, naming it", async () => {
      const error = await evaluate({ event_type: "registration" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect((error as Stripe.errors.StripeError).code).toBe("parameter_missing");
      expect((error as Stripe.errors.StripeError).param).toBe("evaluation_context");
    });

    it("StripeInvalidRequestError for unknown params, bad enums and unknown references", async () => {
      const unknown = await stripe.customers
        .create({ email: "a@b.c", nickname: "x" } as Stripe.CustomerCreateParams)
        .catch((e: unknown) => e as Stripe.errors.StripeError);
      expect(unknown).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect((unknown as Stripe.errors.StripeError).code).toBe("parameter_unknown");

      const badEnum = await evaluate({
        event_type: "signup",
        evaluation_context: [{ type: "customer_details", customer_details: {} }],
      }).catch((e: unknown) => e as Stripe.errors.StripeError);
      expect((badEnum as Stripe.errors.StripeError).code).toMatch(/^parameter_invalid_/);
      expect((badEnum as Stripe.errors.StripeError).param).toBe("event_type");

      const missing = await evaluate({
        event_type: "login",
        evaluation_context: [{ type: "customer_details", customer_details: { customer: "cus_x" } }],
      }).catch((e: unknown) => e as Stripe.errors.StripeError);
      expect((missing as Stripe.errors.StripeError).statusCode).toBe(400);
      expect((missing as Stripe.errors.StripeError).code).toBe("resource_missing");
      expect((missing as Stripe.errors.StripeError).message).toBe("No such customer: 'cus_x'");

      const notFound = await stripe.customers.retrieve("cus_missing").catch((e: unknown) => e);
      expect(notFound).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect((notFound as Stripe.errors.StripeError).statusCode).toBe(404);
    });

    it("StripeAuthenticationError for live, malformed and publishable-on-secret keys", async () => {
      const options = { host: "127.0.0.1", port: emu.port, protocol: "http" as const };
      for (const key of ["sk_live_abc", "not_a_key"]) {
        const error = await new Stripe(key, options).customers.list().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
      }
      const live = await new Stripe("sk_live_abc", options).customers
        .list()
        .catch((e: unknown) => e);
      expect((live as Error).message).toMatch(/test mode only/);
      const pk = await publishable.customers.list().catch((e: unknown) => e);
      expect(pk).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    });

    it("StripeIdempotencyError for a different request with the same key", async () => {
      await stripe.customers.create({ email: "idem@example.com" }, { idempotencyKey: "idem-1" });
      const error = await stripe.customers
        .create({ email: "other@example.com" }, { idempotencyKey: "idem-1" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    });

    it("StripeRateLimitError and StripeAPIError from injected faults", async () => {
      const noRetries = new Stripe("sk_test_emulator", {
        host: "127.0.0.1",
        port: emu.port,
        protocol: "http",
        maxNetworkRetries: 0,
      });
      const addFault = (body: object) =>
        fetch(`${emu.url}/_emulator/faults`, {
          method: "POST",
          headers: emu.controlHeaders,
          body: JSON.stringify(body),
        });
      await addFault({ path: "/v1/customers", status: 429, count: 1 });
      const limited = await noRetries.customers.list().catch((error: unknown) => error);
      expect(limited).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
      expect((limited as Stripe.errors.StripeError).headers?.["retry-after"]).toBe("1");
      await addFault({ path: "/v1/customers", status: 500, count: 1 });
      await expect(noRetries.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    });
  });
});
