import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { registerUser } from "@/lib/accounts/register";
import { seedCatalogue } from "@/lib/catalogue/seed-catalogue";
import { applyPaymentIntent } from "@/lib/checkout/apply-payment-intent";
import { type CheckoutForm, parseCheckoutForm } from "@/lib/checkout/checkout-form";
import { placeOrder } from "@/lib/checkout/place-order";
import type { User } from "@/lib/generated/prisma/client";
import { TEST_BILLING } from "@/lib/testing/checkout-fixtures";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { checkStripeContract } from "@/lib/testing/stripe-contract";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { newRegistrationOrigin } from "@/lib/testing/test-services";

const emulator = setUpTestEmulator();
checkStripeContract(emulator, "checkout flows");

const billing = TEST_BILLING;

describe.each(testDatabaseKinds())("checkout on $label", (kind) => {
  const app = setUpTestServices(kind, emulator, 800);
  beforeAll(() => seedCatalogue(app.prisma));

  async function newBuyer(): Promise<User> {
    const email = `buyer.${randomUUID().slice(0, 8)}@example.com`;
    const result = await registerUser(
      app.services,
      {
        name: "Jenny Rosen",
        email,
        password: "correct horse battery",
        radar_session: await emulator.api.createRadarSession({ deviceId: randomUUID() }),
      },
      newRegistrationOrigin(),
    );
    if (result.kind !== "registered") throw new Error(`registration ${result.kind}`);
    return app.prisma.user.findUniqueOrThrow({ where: { id: result.userId } });
  }

  const checkout = async (overrides: Partial<CheckoutForm> = {}): Promise<CheckoutForm> => ({
    checkoutId: randomUUID(),
    paymentMethod: "pm_card_visa",
    radarSession: await emulator.api.createRadarSession({ deviceId: randomUUID() }),
    items: [{ productId: "prod_hoodie", quantity: 2 }],
    billing,
    shipping: undefined,
    ...overrides,
  });

  const order = (id: string) =>
    app.prisma.order.findUniqueOrThrow({
      where: { id },
      include: { attempts: { orderBy: { createdAt: "asc" } } },
    });
  const intentsOf = async (customer: string | null) =>
    (await emulator.api.retrieve(`/v1/payment_intents?customer=${customer}`)).data as {
      id: string;
      status: string;
      amount: number;
      customer: string;
    }[];

  it("evaluates, then charges the catalogue price on the user's own customer", async () => {
    const buyer = await newBuyer();
    const form = await checkout();
    const result = await placeOrder(app.services, buyer, form);
    expect(result.kind).toBe("paid");
    if (result.kind !== "paid") return;

    const saved = await order(result.orderId);
    expect(saved).toMatchObject({
      status: "paid",
      amount: 13_000,
      currency: "usd",
      paymentIntentStatus: "succeeded",
      paymentMethod: "pm_card_visa",
    });
    expect(saved.attempts).toHaveLength(1);
    const [attempt] = saved.attempts;
    expect(attempt).toMatchObject({
      recommendedAction: "continue",
      riskLevel: "normal",
      decision: "allow",
      paymentMethod: "pm_card_visa",
      radarSession: form.radarSession,
      paymentIntentId: saved.paymentIntentId,
      paymentIntentStatus: "succeeded",
      cardBrand: "visa",
      cardLast4: "4242",
      declineCode: null,
      threeDSecureResult: null,
    });
    expect(attempt?.paymentEvaluationId).toMatch(/^peval_/);
    const intent = await emulator.api.retrieve(`/v1/payment_intents/${saved.paymentIntentId}`);
    expect(intent).toMatchObject({
      customer: buyer.stripeCustomerId,
      amount: 13_000,
      metadata: { order_id: saved.id },
    });

    const { data } = await emulator.api.requests("/v1/radar/payment_evaluations");
    const sent = data.find(
      (entry: { response: { id?: string } }) => entry.response.id === attempt?.paymentEvaluationId,
    );
    expect(sent.body).toMatchObject({
      customer_details: { customer: buyer.stripeCustomerId, email: buyer.email },
      payment_details: {
        amount: "13000",
        currency: "usd",
        payment_method_details: { payment_method: "pm_card_visa" },
        money_movement_details: {
          money_movement_type: "card",
          card: { customer_presence: "on_session", payment_type: "one_off" },
        },
      },
      client_device_metadata_details: { radar_session: form.radarSession },
      metadata: { order_id: saved.id },
    });
  });

  it("stops a payment Radar says to block before any PaymentIntent exists", async () => {
    const buyer = await newBuyer();
    const result = await placeOrder(
      app.services,
      buyer,
      await checkout({ paymentMethod: "pm_card_riskLevelHighest" }),
    );
    expect(result.kind).toBe("blocked");
    if (result.kind !== "blocked") return;
    expect(await order(result.orderId)).toMatchObject({
      status: "blocked",
      paymentIntentId: null,
      attempts: [
        {
          recommendedAction: "block",
          riskLevel: "highest",
          decision: "block",
          paymentIntentId: null,
          failureMessage: expect.stringMatching(/Radar/),
        },
      ],
    });
    expect(await intentsOf(buyer.stripeCustomerId)).toEqual([]);
  });

  it("lets a declined order be paid with another card, on the same PaymentIntent", async () => {
    const buyer = await newBuyer();
    const form = await checkout({ paymentMethod: "pm_card_chargeDeclined" });
    const declined = await placeOrder(app.services, buyer, form);
    expect(declined).toMatchObject({
      kind: "declined",
      message: expect.stringMatching(/declined/),
    });

    const paid = await placeOrder(app.services, buyer, { ...form, paymentMethod: "pm_card_visa" });
    expect(paid).toMatchObject({
      kind: "paid",
      orderId: declined.kind === "declined" ? declined.orderId : "",
    });
    const intents = await intentsOf(buyer.stripeCustomerId);
    expect(intents).toHaveLength(1);
    expect(intents[0]?.status).toBe("succeeded");

    const saved = await order(paid.kind === "paid" ? paid.orderId : "");
    expect(saved.attempts).toMatchObject([
      {
        paymentMethod: "pm_card_chargeDeclined",
        paymentIntentId: intents[0]?.id,
        paymentIntentStatus: "requires_payment_method",
        declineCode: "generic_decline",
        failureMessage: expect.stringMatching(/declined/),
      },
      {
        paymentMethod: "pm_card_visa",
        paymentIntentId: intents[0]?.id,
        paymentIntentStatus: "succeeded",
        declineCode: null,
        failureMessage: null,
      },
    ]);
    expect(saved.attempts[0]?.paymentEvaluationId).not.toBe(saved.attempts[1]?.paymentEvaluationId);
  });

  it("keeps a failed 3D Secure as its own attempt, and the order can be paid again", async () => {
    const buyer = await newBuyer();
    const form = await checkout({ paymentMethod: "pm_card_threeDSecureRequired" });
    const challenged = await placeOrder(app.services, buyer, form);
    expect(challenged.kind).toBe("requires_action");
    if (challenged.kind !== "requires_action") return;
    const intentId = challenged.clientSecret.split("_secret_")[0] ?? "";
    const failed = await fetch(`http://127.0.0.1:${emulator.port}/_emulator/3ds/${intentId}`, {
      method: "POST",
      body: new URLSearchParams({
        client_secret: challenged.clientSecret,
        result: "fail",
      }),
      redirect: "manual",
    });
    expect(failed.status).toBeLessThan(400);
    // What the order page's completion does once the browser is back from the challenge.
    const intent = await app.stripe.paymentIntents.retrieve(intentId);
    expect((await applyPaymentIntent(app.prisma, challenged.orderId, intent)).status).toBe(
      "declined",
    );

    const paid = await placeOrder(app.services, buyer, { ...form, paymentMethod: "pm_card_visa" });
    expect(paid).toEqual({ kind: "paid", orderId: challenged.orderId });
    expect((await order(challenged.orderId)).attempts).toMatchObject([
      {
        paymentMethod: "pm_card_threeDSecureRequired",
        threeDSecureResult: "failed",
        declineCode: "payment_intent_authentication_failure",
        paymentIntentStatus: "requires_payment_method",
      },
      { paymentMethod: "pm_card_visa", threeDSecureResult: null, paymentIntentStatus: "succeeded" },
    ]);
  });

  it("answers a form sent again with the same order and charges once", async () => {
    const buyer = await newBuyer();
    const form = await checkout();
    const [first, second] = await Promise.all([
      placeOrder(app.services, buyer, form),
      placeOrder(app.services, buyer, form),
    ]);
    const third = await placeOrder(app.services, buyer, form);
    expect(first.kind).toBe("paid");
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(await intentsOf(buyer.stripeCustomerId)).toHaveLength(1);
    expect(await app.prisma.order.count({ where: { checkoutId: form.checkoutId } })).toBe(1);
  });

  it.each([
    ["a 500", { status: 500 }, /\(HTTP 500\): .*\(Injected 500 by the Stripe emulator\.\)$/],
    ["a time-out", { latency_ms: 5_000 }, /^StripeConnectionError: .*time/i],
  ])("goes on with the payment when the evaluation gets %s", async (_, fault, reason) => {
    await emulator.api.injectFault({ path: "/v1/radar/payment_evaluations", ...fault });
    const buyer = await newBuyer();
    const result = await placeOrder(app.services, buyer, await checkout());
    expect(result.kind).toBe("paid");
    if (result.kind !== "paid") return;
    const [attempt] = (await order(result.orderId)).attempts;
    expect(attempt?.paymentEvaluationId).toBeNull();
    expect(attempt?.unavailableReason).toMatch(reason);
    expect(attempt?.decision).toBe("allow");
  });

  describe("bad input creates no charge", () => {
    it("an unknown product", async () => {
      const buyer = await newBuyer();
      const result = await placeOrder(
        app.services,
        buyer,
        await checkout({ items: [{ productId: "prod_free_money", quantity: 1 }] }),
      );
      expect(result).toEqual({
        kind: "invalid",
        fieldErrors: { items: "Unknown product: prod_free_money." },
      });
      expect(await intentsOf(buyer.stripeCustomerId)).toEqual([]);
    });

    it("a PaymentMethod Stripe never issued", async () => {
      const buyer = await newBuyer();
      const result = await placeOrder(
        app.services,
        buyer,
        await checkout({ paymentMethod: "pm_nope123" }),
      );
      expect(result).toMatchObject({
        kind: "invalid",
        fieldErrors: { payment_method: expect.any(String) },
      });
      expect(await intentsOf(buyer.stripeCustomerId)).toEqual([]);
    });

    it("a PaymentMethod saved to another customer", async () => {
      const owner = await newBuyer();
      // As on Stripe, attaching a test PaymentMethod ID saves a new card to the customer.
      const attached = await app.stripe.paymentMethods.attach("pm_card_visa", {
        customer: owner.stripeCustomerId ?? "",
      });
      const thief = await newBuyer();
      const result = await placeOrder(
        app.services,
        thief,
        await checkout({ paymentMethod: attached.id }),
      );
      expect(result).toMatchObject({
        kind: "invalid",
        fieldErrors: { payment_method: expect.stringContaining("another customer") },
      });
      expect(await intentsOf(thief.stripeCustomerId)).toEqual([]);
    });

    it("a Radar Session another account used", async () => {
      const owner = await newBuyer();
      const ownersSession = await app.prisma.radarSessionClaim.findFirstOrThrow({
        where: { email: owner.email },
      });
      const buyer = await newBuyer();
      const result = await placeOrder(
        app.services,
        buyer,
        await checkout({ radarSession: ownersSession.radarSession }),
      );
      expect(result).toMatchObject({
        kind: "invalid",
        fieldErrors: { radar_session: expect.any(String) },
      });
      expect(await intentsOf(buyer.stripeCustomerId)).toEqual([]);
    });

    it("a foreign Radar Session, another customer's card and an unknown product at once", async () => {
      const owner = await newBuyer();
      const ownersSession = await app.prisma.radarSessionClaim.findFirstOrThrow({
        where: { email: owner.email },
      });
      const ownersCard = await app.stripe.paymentMethods.attach("pm_card_visa", {
        customer: owner.stripeCustomerId ?? "",
      });
      const buyer = await newBuyer();
      const form = await checkout({
        radarSession: ownersSession.radarSession,
        paymentMethod: ownersCard.id,
      });
      const result = await placeOrder(app.services, buyer, {
        ...form,
        items: [...form.items, { productId: "no-such-product", quantity: 1 }],
      });
      // The three checks run together; the order's own problem is the one told.
      expect(result).toEqual({
        kind: "invalid",
        fieldErrors: { items: "Unknown product: no-such-product." },
      });
      expect(await app.prisma.order.count({ where: { userId: buyer.id } })).toBe(0);
      expect(await intentsOf(buyer.stripeCustomerId)).toEqual([]);
      expect(await intentsOf(owner.stripeCustomerId)).toEqual([]);
    });

    it("another account's checkout", async () => {
      const form = await checkout();
      await placeOrder(app.services, await newBuyer(), form);
      const other = await newBuyer();
      // The other account's own browser: a Radar Session of its own, the same checkout ID.
      const result = await placeOrder(app.services, other, {
        ...form,
        radarSession: await emulator.api.createRadarSession({ deviceId: randomUUID() }),
      });
      expect(result).toMatchObject({
        kind: "invalid",
        fieldErrors: { checkout_id: expect.any(String) },
      });
      expect(await intentsOf(other.stripeCustomerId)).toEqual([]);
    });

    it("a tampered amount, which the server never reads", async () => {
      const data = new FormData();
      for (const [key, value] of Object.entries({
        checkout_id: randomUUID(),
        payment_method: "pm_card_visa",
        "quantity[prod_field_notes]": "1",
        amount: "1",
        unit_amount: "1",
        "billing[name]": billing.name,
        "billing[email]": billing.email,
        "billing[address][line1]": billing.address.line1,
        "billing[address][city]": billing.address.city,
        "billing[address][postal_code]": billing.address.postal_code,
        "billing[address][country]": "us",
      })) {
        data.set(key, value);
      }
      const parsed = parseCheckoutForm(data);
      if (parsed.kind === "invalid") throw new Error(JSON.stringify(parsed.fieldErrors));
      const buyer = await newBuyer();
      const result = await placeOrder(app.services, buyer, parsed.data);
      if (result.kind !== "paid") throw new Error(result.kind);
      expect((await order(result.orderId)).amount).toBe(1_200);
      expect((await intentsOf(buyer.stripeCustomerId))[0]?.amount).toBe(1_200);
    });
  });
});
