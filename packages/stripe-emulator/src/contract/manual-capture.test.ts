import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../testing/in-process.ts";
import { rejection } from "../testing/rejection.ts";

describe("contract: manual capture", () => {
  let emu: TestEmulator;
  let stripe: Stripe;

  beforeAll(async () => {
    emu = await startTestEmulator();
    stripe = emu.stripe;
  });

  afterAll(() => emu.close());

  function authorize(paymentMethod = "pm_card_visa") {
    return stripe.paymentIntents.create({
      amount: 5000,
      currency: "usd",
      payment_method: paymentMethod,
      capture_method: "manual",
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      confirm: true,
    });
  }

  async function eventTypesFor(objectId: string): Promise<string[]> {
    const events = await stripe.events.list({ limit: 100 });
    return events.data
      .filter((event) => (event.data.object as { id: string }).id === objectId)
      .map((event) => event.type)
      .reverse();
  }

  const refusal = (call: Promise<unknown>) =>
    rejection(call, Stripe.errors.StripeInvalidRequestError);

  /** Completes the 3D Secure challenge as the test challenge page does. */
  async function authenticate(intent: Stripe.PaymentIntent): Promise<void> {
    const challenge = await fetch(`${emu.url}/_emulator/3ds/${intent.id}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ client_secret: intent.client_secret, result: "approve" }),
    });
    expect(challenge.status).toBe(200);
  }

  it("authorizes without capturing: requires_capture, an uncaptured charge", async () => {
    const intent = await authorize();
    expect(intent).toMatchObject({
      status: "requires_capture",
      capture_method: "manual",
      amount_capturable: 5000,
      amount_received: 0,
    });
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge).toMatchObject({
      status: "succeeded",
      paid: true,
      captured: false,
      amount_captured: 0,
      outcome: { type: "authorized" },
    });
    expect(charge.payment_method_details?.card?.capture_before).toBeGreaterThan(charge.created);
    expect(await eventTypesFor(intent.id)).toEqual([
      "payment_intent.created",
      "payment_intent.amount_capturable_updated",
    ]);
  });

  it("captures part of the authorization and releases the rest", async () => {
    const intent = await authorize();
    const captured = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 3000 });
    expect(captured).toMatchObject({
      status: "succeeded",
      amount_received: 3000,
      amount_capturable: 0,
    });
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge).toMatchObject({
      captured: true,
      amount: 5000,
      amount_captured: 3000,
      amount_refunded: 2000,
      refunded: false,
    });
    expect(await eventTypesFor(charge.id)).toEqual(["charge.succeeded", "charge.captured"]);
    expect(await eventTypesFor(intent.id)).toContain("payment_intent.succeeded");
  });

  it("captures the whole authorization without amount_to_capture", async () => {
    const intent = await authorize();
    const captured = await stripe.paymentIntents.capture(intent.id);
    expect(captured.amount_received).toBe(5000);
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge).toMatchObject({ captured: true, amount_captured: 5000, amount_refunded: 0 });
  });

  it("refuses to capture more than is capturable", async () => {
    const intent = await authorize();
    const error = await refusal(
      stripe.paymentIntents.capture(intent.id, { amount_to_capture: 5001 }),
    );
    expect(error).toMatchObject({ code: "amount_too_large", param: "amount_to_capture" });
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe("requires_capture");
  });

  it("refuses to capture a PaymentIntent that is not requires_capture", async () => {
    const automatic = await stripe.paymentIntents.create({
      amount: 5000,
      currency: "usd",
      payment_method: "pm_card_visa",
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      confirm: true,
    });
    const error = await refusal(stripe.paymentIntents.capture(automatic.id));
    expect(error.code).toBe("payment_intent_unexpected_state");
    expect(error.message).toBe(
      "This PaymentIntent could not be captured because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.",
    );
  });

  it("cancels an authorization: the charge is refunded in full", async () => {
    const intent = await authorize();
    const canceled = await stripe.paymentIntents.cancel(intent.id, {
      cancellation_reason: "fraudulent",
    });
    expect(canceled).toMatchObject({
      status: "canceled",
      cancellation_reason: "fraudulent",
      amount_capturable: 0,
    });
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge).toMatchObject({ captured: false, refunded: true, amount_refunded: 5000 });
    expect(await eventTypesFor(charge.id)).toEqual(["charge.succeeded", "charge.refunded"]);
    expect(await eventTypesFor(intent.id)).toContain("payment_intent.canceled");
    const again = await refusal(stripe.paymentIntents.capture(intent.id));
    expect(again.code).toBe("payment_intent_unexpected_state");
  });

  it("refuses to cancel a succeeded PaymentIntent, naming the statuses that may be", async () => {
    const intent = await authorize();
    await stripe.paymentIntents.capture(intent.id);
    const error = await refusal(stripe.paymentIntents.cancel(intent.id));
    expect(error.code).toBe("payment_intent_unexpected_state");
    expect(error.message).toMatch(
      /status of succeeded\. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture/,
    );
  });

  it("holds a 3D Secure payment for capture once it is authenticated", async () => {
    const intent = await authorize("pm_card_threeDSecure2Required");
    expect(intent.status).toBe("requires_action");
    await authenticate(intent);
    const authenticated = await stripe.paymentIntents.retrieve(intent.id);
    expect(authenticated).toMatchObject({ status: "requires_capture", amount_capturable: 5000 });
    const charge = await stripe.charges.retrieve(String(authenticated.latest_charge));
    expect(charge.payment_method_details?.card?.three_d_secure).toMatchObject({
      result: "authenticated",
    });
  });

  it("leaves a card declined after authentication awaiting another payment method", async () => {
    const intent = await authorize("pm_card_threeDSecureRequiredChargeDeclined");
    await authenticate(intent);
    const declined = await stripe.paymentIntents.retrieve(intent.id);
    expect(declined.status).toBe("requires_payment_method");
    expect(declined.last_payment_error).toMatchObject({
      code: "card_declined",
      decline_code: "generic_decline",
    });
    const charge = await stripe.charges.retrieve(String(declined.latest_charge));
    expect(charge.status).toBe("failed");
  });
});
