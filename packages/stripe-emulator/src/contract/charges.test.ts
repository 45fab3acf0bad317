import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_CARDS } from "../resources/test-cards.ts";
import { startTestEmulator, type TestEmulator } from "../testing/in-process.ts";
import { rejection } from "../testing/rejection.ts";

/** Stripe's declined-payment test PaymentMethods and what they answer (docs.stripe.com/testing). */
const DECLINES: Array<[string, string, string | undefined]> = [
  ["pm_card_visa_chargeDeclined", "card_declined", "generic_decline"],
  ["pm_card_visa_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds"],
  ["pm_card_visa_chargeDeclinedLostCard", "card_declined", "lost_card"],
  ["pm_card_visa_chargeDeclinedStolenCard", "card_declined", "stolen_card"],
  ["pm_card_chargeDeclinedExpiredCard", "expired_card", undefined],
  ["pm_card_chargeDeclinedIncorrectCvc", "incorrect_cvc", undefined],
  ["pm_card_chargeDeclinedProcessingError", "processing_error", undefined],
  ["pm_card_visa_chargeDeclinedVelocityLimitExceeded", "card_declined", "card_velocity_exceeded"],
  ["pm_card_chargeCustomerFail", "card_declined", "generic_decline"],
];

describe("contract: charges and their Radar outcome", () => {
  let emu: TestEmulator;
  let stripe: Stripe;

  beforeAll(async () => {
    emu = await startTestEmulator();
    stripe = emu.stripe;
  });

  afterAll(() => emu.close());

  function pay(paymentMethod: string, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) {
    return stripe.paymentIntents.create({
      amount: 2000,
      currency: "usd",
      payment_method: paymentMethod,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      confirm: true,
      ...extra,
    });
  }

  /** The card error a declined confirmation raises, and the failed charge it names. */
  async function decline(paymentMethod: string) {
    const error = await rejection(pay(paymentMethod), Stripe.errors.StripeCardError);
    const charge = await stripe.charges.retrieve(String(error.charge));
    return { error, charge };
  }

  it("retrieves the PaymentIntent's latest charge with the card, the money and the outcome", async () => {
    const customer = await stripe.customers.create({ email: "charged@example.com" });
    const intent = await pay("pm_card_visa", { customer: customer.id, metadata: { order: "7" } });
    expect(intent.status).toBe("succeeded");
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge).toMatchObject({
      object: "charge",
      amount: 2000,
      amount_captured: 2000,
      amount_refunded: 0,
      captured: true,
      paid: true,
      refunded: false,
      disputed: false,
      status: "succeeded",
      currency: "usd",
      customer: customer.id,
      payment_intent: intent.id,
      payment_method: intent.payment_method,
      metadata: { order: "7" },
      failure_code: null,
      outcome: {
        network_status: "approved_by_network",
        reason: null,
        risk_level: "normal",
        seller_message: "Payment complete.",
        type: "authorized",
      },
      payment_method_details: {
        type: "card",
        card: { brand: "visa", last4: "4242", country: "US", funding: "credit", network: "visa" },
      },
    });
    expect(charge.outcome?.risk_score).toBeGreaterThanOrEqual(0);
    expect(charge.outcome?.risk_score).toBeLessThan(65);
    expect(charge.id).toMatch(/^ch_/);
  });

  it("lists charges by customer and by PaymentIntent, newest first, a page at a time", async () => {
    const customer = await stripe.customers.create({ email: "lister@example.com" });
    const first = await pay("pm_card_visa", { customer: customer.id });
    const second = await pay("pm_card_mastercard", { customer: customer.id });
    await pay("pm_card_visa");

    const all = await stripe.charges.list({ customer: customer.id });
    expect(all.data.map((charge) => charge.payment_intent)).toEqual([second.id, first.id]);
    expect(all.has_more).toBe(false);

    const page = await stripe.charges.list({ customer: customer.id, limit: 1 });
    expect(page.data.map((charge) => charge.payment_intent)).toEqual([second.id]);
    expect(page.has_more).toBe(true);
    const next = await stripe.charges.list({
      customer: customer.id,
      limit: 1,
      starting_after: page.data[0]?.id,
    });
    expect(next.data.map((charge) => charge.payment_intent)).toEqual([first.id]);

    const byIntent = await stripe.charges.list({ payment_intent: first.id });
    expect(byIntent.data.map((charge) => charge.id)).toEqual([first.latest_charge]);
  });

  it("answers 404 for an unknown charge", async () => {
    const error = await rejection(
      stripe.charges.retrieve("ch_missing"),
      Stripe.errors.StripeInvalidRequestError,
    );
    expect(error).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it.each(DECLINES)("%s is declined by the issuer with %s / %s", async (pm, code, declineCode) => {
    const { error, charge } = await decline(pm);
    expect(error.code).toBe(code);
    // What Stripe sent: stripe-node shows an absent decline_code as "".
    expect((error.raw as { decline_code?: string }).decline_code).toBe(declineCode);
    expect(charge).toMatchObject({
      status: "failed",
      paid: false,
      captured: false,
      amount_captured: 0,
      failure_code: code,
      failure_message: error.message,
      outcome: {
        network_status: "declined_by_network",
        reason: declineCode ?? code,
        type: "issuer_declined",
      },
    });
    const intent = await stripe.paymentIntents.retrieve(String(error.payment_intent?.id));
    expect(intent.status).toBe("requires_payment_method");
    expect(intent.latest_charge).toBe(charge.id);
  });

  it.each(["pm_card_radarBlock", "pm_card_chargeDeclinedFraudulent", "pm_card_riskLevelHighest"])(
    "%s is blocked by Radar before the issuer sees it",
    async (pm) => {
      const { error, charge } = await decline(pm);
      expect(error).toMatchObject({ code: "card_declined", decline_code: "fraudulent" });
      expect(charge.outcome).toMatchObject({
        network_status: "not_sent_to_network",
        reason: "highest_risk_level",
        risk_level: "highest",
        seller_message: "Stripe blocked this payment as too risky.",
        type: "blocked",
      });
      expect(charge.outcome?.risk_score).toBeGreaterThanOrEqual(75);
    },
  );

  it("gives the charge the score of the payment evaluation it belongs to", async () => {
    const customer = await stripe.customers.create({ email: "elevated@example.com" });
    const evaluation = await stripe.radar.paymentEvaluations.create({
      customer_details: { customer: customer.id },
      payment_details: {
        amount: 2000,
        currency: "usd",
        payment_method_details: { payment_method: "pm_card_riskLevelElevated" },
      },
    });
    const intent = await pay("pm_card_riskLevelElevated", { customer: customer.id });
    expect(intent.status).toBe("succeeded");
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    const signal = evaluation.signals.fraudulent_payment;
    expect(signal.score).not.toBeNull();
    expect(charge.outcome).toMatchObject({
      risk_level: signal.risk_level,
      risk_score: Math.round(signal.score ?? Number.NaN),
      type: "authorized",
    });
    expect(charge.outcome?.risk_level).toBe("elevated");
  });

  it.each([
    ["pm_card_br", "BR", "credit"],
    ["pm_card_de", "DE", "credit"],
    ["pm_card_gb_debit", "GB", "debit"],
    ["pm_card_th_debit", "TH", "debit"],
  ])("charges %s as a card from %s (%s)", async (pm, country, funding) => {
    const intent = await pay(pm);
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge.payment_method_details?.card).toMatchObject({ country, funding });
  });

  it("reports the failed checks of the check test cards", async () => {
    const cvc = await pay("pm_card_cvcCheckFail");
    const charge = await stripe.charges.retrieve(String(cvc.latest_charge));
    expect(charge.payment_method_details?.card?.checks?.cvc_check).toBe("fail");
  });

  it("asks for 3D Secure with the authentication cards, and creates no charge yet", async () => {
    for (const pm of ["pm_card_threeDSecure2Required", "pm_card_authenticationRequired"]) {
      const intent = await pay(pm);
      expect(intent.status, pm).toBe("requires_action");
      expect(intent.latest_charge, pm).toBeNull();
    }
  });

  it("sends charge.succeeded and charge.failed", async () => {
    const ok = await pay("pm_card_visa");
    const { charge: failed } = await decline("pm_card_visa_chargeDeclined");
    const succeededEvents = await stripe.events.list({ type: "charge.succeeded" });
    const failedEvents = await stripe.events.list({ type: "charge.failed" });
    expect(succeededEvents.data.map((event) => (event.data.object as Stripe.Charge).id)).toContain(
      ok.latest_charge,
    );
    expect(failedEvents.data.map((event) => (event.data.object as Stripe.Charge).id)).toContain(
      failed.id,
    );
  });

  it("accepts every test PaymentMethod ID of the card table", async () => {
    for (const card of TEST_CARDS) {
      for (const id of card.ids) {
        const pm = await stripe.paymentMethods.retrieve(`pm_card_${id}`);
        expect(pm.card?.last4, id).toBe(card.number.slice(-4));
        expect(pm.card?.brand, id).toBe(card.brand);
      }
    }
  });
});
