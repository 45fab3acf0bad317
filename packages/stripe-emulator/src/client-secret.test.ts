import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./testing/in-process.ts";

/** Stripe.js reads and confirms an intent with the publishable key and the intent's client secret. */
describe("an intent's client secret, asked of publishable-key callers", () => {
  let emu: TestEmulator;
  let publishable: Stripe;
  let paymentIntent: Stripe.PaymentIntent;
  let setupIntent: Stripe.SetupIntent;

  beforeAll(async () => {
    emu = await startTestEmulator();
    publishable = new Stripe("pk_test_emulator", {
      host: "127.0.0.1",
      port: emu.port,
      protocol: "http",
    });
    const customer = await emu.stripe.customers.create({});
    paymentIntent = await emu.stripe.paymentIntents.create({
      amount: 1_000,
      currency: "usd",
      customer: customer.id,
    });
    setupIntent = await emu.stripe.setupIntents.create({ customer: customer.id });
  });

  afterAll(() => emu.close());

  // The SDK's confirm parameters are a server's: Stripe.js sends the client secret beside them.
  const confirm = (path: string, params: { client_secret?: string } = {}) =>
    publishable.rawRequest("POST", path, params);

  const refusal = (call: Promise<unknown>) =>
    call.then(
      () => null,
      (error: Stripe.errors.StripeError) => ({
        status: error.statusCode,
        code: error.code,
        param: error.param,
        message: error.message,
      }),
    );

  const wrongPaymentIntentSecret = {
    status: 400,
    code: "payment_intent_invalid_parameter",
    param: "client_secret",
    message:
      "The client_secret provided does not match any associated PaymentIntent on this account.",
  };
  const wrongSetupIntentSecret = {
    status: 400,
    code: "setup_intent_invalid_parameter",
    param: "client_secret",
    message:
      "The client_secret provided does not match any associated SetupIntent on this account.",
  };

  it("refuses a PaymentIntent read or confirmed with another intent's secret", async () => {
    const secret = { client_secret: `${paymentIntent.id}_secret_guessed` };
    expect(await refusal(publishable.paymentIntents.retrieve(paymentIntent.id, secret))).toEqual(
      wrongPaymentIntentSecret,
    );
    expect(
      await refusal(confirm(`/v1/payment_intents/${paymentIntent.id}/confirm`, secret)),
    ).toEqual(wrongPaymentIntentSecret);
  });

  it("asks for a PaymentIntent's secret when none is sent", async () => {
    const missing = {
      status: 400,
      code: "parameter_missing",
      param: "client_secret",
      message: "Missing required param: client_secret.",
    };
    expect(await refusal(publishable.paymentIntents.retrieve(paymentIntent.id))).toEqual(missing);
    expect(await refusal(confirm(`/v1/payment_intents/${paymentIntent.id}/confirm`))).toEqual(
      missing,
    );
  });

  it("refuses a SetupIntent read or confirmed with a wrong secret or none", async () => {
    const secret = { client_secret: `${setupIntent.id}_secret_guessed` };
    for (const call of [
      publishable.setupIntents.retrieve(setupIntent.id, secret),
      confirm(`/v1/setup_intents/${setupIntent.id}/confirm`, secret),
      publishable.setupIntents.retrieve(setupIntent.id),
      confirm(`/v1/setup_intents/${setupIntent.id}/confirm`),
    ]) {
      expect(await refusal(call)).toEqual(wrongSetupIntentSecret);
    }
  });

  it("lets Stripe.js read an intent with its own secret, and the server without one", async () => {
    const read = await publishable.paymentIntents.retrieve(paymentIntent.id, {
      client_secret: paymentIntent.client_secret ?? "",
    });
    expect(read.id).toBe(paymentIntent.id);
    const setup = await publishable.setupIntents.retrieve(setupIntent.id, {
      client_secret: setupIntent.client_secret ?? "",
    });
    expect(setup.id).toBe(setupIntent.id);
    expect((await emu.stripe.setupIntents.retrieve(setupIntent.id)).id).toBe(setupIntent.id);
  });
});
