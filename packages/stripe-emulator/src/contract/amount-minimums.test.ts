import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../testing/in-process.ts";
import { rejection } from "../testing/rejection.ts";

describe("contract: amount minimums per currency", () => {
  let emu: TestEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });

  afterAll(() => emu.close());

  async function tooSmall(call: Promise<unknown>) {
    const error = await rejection(call, Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ code: "amount_too_small", param: "amount" });
    return error;
  }

  it.each([
    ["usd", 49, "Amount must be at least $0.50 usd"],
    ["gbp", 29, "Amount must be at least £0.30 gbp"],
    ["jpy", 49, "Amount must be at least ¥50 jpy"],
    ["huf", 17499, "Amount must be at least 175.00 Ft huf"],
    ["mxn", 999, "Amount must be at least $10 mxn"],
  ])("refuses %s %i with Stripe's message", async (currency, amount, message) => {
    const error = await tooSmall(emu.stripe.paymentIntents.create({ amount, currency }));
    expect(error.message).toBe(message);
    const atMinimum = await emu.stripe.paymentIntents.create({ amount: amount + 1, currency });
    expect(atMinimum.amount).toBe(amount + 1);
  });

  it("refuses an update below the minimum and keeps the amount", async () => {
    const intent = await emu.stripe.paymentIntents.create({ amount: 1000, currency: "eur" });
    const error = await tooSmall(emu.stripe.paymentIntents.update(intent.id, { amount: 10 }));
    expect(error.message).toBe("Amount must be at least €0.50 eur");
    expect((await emu.stripe.paymentIntents.retrieve(intent.id)).amount).toBe(1000);
  });
});
