import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { seedCatalogue } from "@/lib/catalogue/seed-catalogue";
import type { CheckoutForm } from "@/lib/checkout/checkout-form";
import { completeOrder } from "@/lib/checkout/complete-order";
import { placeOrder } from "@/lib/checkout/place-order";
import { handleStripeEvent } from "@/lib/checkout/webhook-events";
import { EMULATOR_KEYS } from "@/lib/config/load-config";
import type { User } from "@/lib/generated/prisma/client";
import { TEST_BILLING } from "@/lib/testing/checkout-fixtures";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { signedPaymentIntentEvent } from "@/lib/testing/signed-event";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { registerTestAccount } from "@/lib/testing/test-services";

const emulator = setUpTestEmulator();

describe.each(testDatabaseKinds())("a card Radar never saw, on $label", (kind) => {
  const app = setUpTestServices(kind, emulator);
  beforeAll(() => seedCatalogue(app.prisma));

  async function newBuyer(): Promise<User> {
    const registered = await registerTestAccount(app.services, emulator);
    if (registered.kind !== "registered") throw new Error(`registration ${registered.kind}`);
    return app.prisma.user.findUniqueOrThrow({ where: { id: registered.userId } });
  }

  const checkout = async (paymentMethod: string): Promise<CheckoutForm> => ({
    checkoutId: randomUUID(),
    paymentMethod,
    radarSession: await emulator.api.createRadarSession({ deviceId: randomUUID() }),
    items: [{ productId: "prod_hoodie", quantity: 1 }],
    billing: TEST_BILLING,
    shipping: undefined,
  });

  /** What a page holding the client secret can do with the publishable key, as on Stripe. */
  async function publishable(path: string, body: Record<string, string>) {
    const response = await fetch(`http://127.0.0.1:${emulator.port}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${EMULATOR_KEYS.publishableKey}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(body),
    });
    return { status: response.status, body: await response.json() };
  }

  /** A new buyer's order waiting for 3D Secure, and its client secret as the page gets it. */
  async function challengedOrder() {
    const buyer = await newBuyer();
    const challenged = await placeOrder(
      app.services,
      buyer,
      await checkout("pm_card_threeDSecureRequired"),
    );
    if (challenged.kind !== "requires_action") throw new Error(`checkout ${challenged.kind}`);
    return { buyer, challenged, intentId: challenged.clientSecret.split("_secret_")[0] ?? "" };
  }

  /** An order waiting for 3D Secure, then paid by the attacker with another card. */
  async function orderPaidWithAnotherCard() {
    const { challenged, intentId } = await challengedOrder();
    const swapped = await publishable(`/v1/payment_intents/${intentId}/confirm`, {
      client_secret: challenged.clientSecret,
      payment_method: "pm_card_mastercard",
    });
    // Stripe allows it: only the app can refuse the result.
    expect(swapped.body.status).toBe("succeeded");
    return { orderId: challenged.orderId, intentId };
  }

  async function expectRefusedAndRefunded(orderId: string, intentId: string) {
    const order = await app.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(order.status).not.toBe("paid");
    expect(order.unevaluatedPaymentMethod).toMatch(/^pm_/);
    expect(order.unevaluatedCard).toBe("mastercard 4444");
    const refunds = await app.stripe.refunds.list({ payment_intent: intentId });
    expect(refunds.data).toHaveLength(1);
    expect(refunds.data[0]).toMatchObject({ status: "succeeded", reason: "fraudulent" });
    return order;
  }

  const signedEvent = (intentId: string, type: string) =>
    signedPaymentIntentEvent(app.stripe, emulator.webhookSecret, intentId, type);

  it("leaves the order unpaid and refunds when the page comes back from 3D Secure", async () => {
    const { orderId, intentId } = await orderPaidWithAnotherCard();
    const buyer = await app.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    await completeOrder(app.services, buyer.userId, orderId);
    const order = await expectRefusedAndRefunded(orderId, intentId);
    expect(order.status).toBe("declined");
    // The webhook that follows refunds nothing more and pays nothing.
    await handleStripeEvent(
      app.prisma,
      app.stripe,
      await signedEvent(intentId, "payment_intent.succeeded"),
    );
    await expectRefusedAndRefunded(orderId, intentId);
  });

  it("leaves the order unpaid and refunds when the webhook comes first", async () => {
    const { orderId, intentId } = await orderPaidWithAnotherCard();
    await handleStripeEvent(
      app.prisma,
      app.stripe,
      await signedEvent(intentId, "payment_intent.succeeded"),
    );
    const order = await expectRefusedAndRefunded(orderId, intentId);
    expect(order.webhookConfirmedAt).toBeNull();
  });

  it("still pays the order with the card it evaluated, after 3D Secure", async () => {
    const { buyer, challenged, intentId } = await challengedOrder();
    const authenticated = await fetch(
      `http://127.0.0.1:${emulator.port}/_emulator/3ds/${intentId}`,
      {
        method: "POST",
        body: new URLSearchParams({
          client_secret: challenged.clientSecret,
          result: "approve",
        }),
        redirect: "manual",
      },
    );
    expect(authenticated.status).toBeLessThan(400);
    const order = await completeOrder(app.services, buyer.id, challenged.orderId);
    expect(order).toMatchObject({ status: "paid", unevaluatedPaymentMethod: null });
    expect((await app.stripe.refunds.list({ payment_intent: intentId })).data).toHaveLength(0);
  });

  it("gives the money back when a card the order evaluated pays after Radar blocked the order", async () => {
    const { buyer, challenged, intentId } = await challengedOrder();
    const order = await app.prisma.order.findUniqueOrThrow({ where: { id: challenged.orderId } });
    // The same checkout sent again with a card Radar blocks: the order is blocked for good.
    const blocked = await placeOrder(app.services, buyer, {
      ...(await checkout("pm_card_riskLevelHighest")),
      checkoutId: order.checkoutId,
    });
    expect(blocked).toMatchObject({ kind: "blocked", orderId: order.id });
    // The first card's 3D Secure is then completed on the PaymentIntent it left waiting.
    const authenticated = await fetch(
      `http://127.0.0.1:${emulator.port}/_emulator/3ds/${intentId}`,
      {
        method: "POST",
        body: new URLSearchParams({ client_secret: challenged.clientSecret, result: "approve" }),
        redirect: "manual",
      },
    );
    expect(authenticated.status).toBeLessThan(400);
    await handleStripeEvent(
      app.prisma,
      app.stripe,
      await signedEvent(intentId, "payment_intent.succeeded"),
    );
    const after = await app.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(after).toMatchObject({ status: "blocked", unevaluatedCard: "visa 3155" });
    const refunds = await app.stripe.refunds.list({ payment_intent: intentId });
    expect(refunds.data).toHaveLength(1);
  });

  it("never pays a blocked order, even with a PaymentIntent made for it on the buyer's customer", async () => {
    const buyer = await newBuyer();
    const blocked = await placeOrder(
      app.services,
      buyer,
      await checkout("pm_card_riskLevelHighest"),
    );
    if (blocked.kind !== "blocked") throw new Error(`checkout ${blocked.kind}`);
    const order = await app.prisma.order.findUniqueOrThrow({ where: { id: blocked.orderId } });
    const forged = await app.stripe.paymentIntents.create({
      amount: order.amount,
      currency: order.currency,
      customer: buyer.stripeCustomerId ?? "",
      payment_method: "pm_card_visa",
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      metadata: { order_id: order.id },
    });
    expect(forged.status).toBe("succeeded");
    await handleStripeEvent(
      app.prisma,
      app.stripe,
      await signedEvent(forged.id, "payment_intent.succeeded"),
    );
    const after = await app.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(after).toMatchObject({ status: "blocked", paymentIntentId: null });
    expect((await app.stripe.refunds.list({ payment_intent: forged.id })).data).toHaveLength(1);
  });
});
