import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { handleStripeEvent } from "@/lib/checkout/webhook-events";
import type { Order } from "@/lib/generated/prisma/client";
import { evaluatedVisaAttempt, testOrderData } from "@/lib/testing/checkout-fixtures";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { signedPaymentIntentEvent } from "@/lib/testing/signed-event";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";

const emulator = setUpTestEmulator();

describe.each(testDatabaseKinds())("payment_intent webhooks on $label", (kind) => {
  const app = setUpTestServices(kind, emulator);

  /** A user with a Stripe customer, and an order of theirs waiting for its payment. */
  async function pendingOrder(): Promise<{ order: Order; customer: string }> {
    const customer = await app.stripe.customers.create({ email: "buyer@example.com" });
    const user = await app.prisma.user.create({
      data: {
        email: `${randomUUID()}@example.com`,
        name: "Jenny Rosen",
        passwordHash: "x",
        stripeCustomerId: customer.id,
      },
    });
    const order = await app.prisma.order.create({
      data: testOrderData(user.id, {
        paymentMethod: "pm_card_visa",
        attempts: { create: await evaluatedVisaAttempt(app.stripe) },
      }),
    });
    return { order, customer: customer.id };
  }

  const payFor = (
    order: Pick<Order, "id" | "amount" | "currency">,
    customer: string,
    paymentMethod = "pm_card_visa",
  ) =>
    app.stripe.paymentIntents
      .create({
        amount: order.amount,
        currency: order.currency,
        customer,
        payment_method: paymentMethod,
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
        metadata: { order_id: order.id },
      })
      .catch((error: Stripe.errors.StripeCardError) => {
        if (!error.payment_intent) throw error;
        return error.payment_intent;
      });

  const signedEvent = (intentId: string, type: string) =>
    signedPaymentIntentEvent(app.stripe, emulator.webhookSecret, intentId, type);

  const reload = (order: Order) => app.prisma.order.findUniqueOrThrow({ where: { id: order.id } });

  it("ignores a PaymentIntent someone else created naming the order", async () => {
    const victim = await pendingOrder();
    const attacker = await pendingOrder();
    const forged = await payFor(victim.order, attacker.customer);
    expect(forged).toMatchObject({ status: "succeeded", metadata: { order_id: victim.order.id } });

    const event = await signedEvent(forged.id, "payment_intent.succeeded");
    expect(await handleStripeEvent(app.prisma, app.stripe, event)).toBe("ignored");
    expect(await reload(victim.order)).toMatchObject({
      status: "pending",
      paymentIntentId: null,
      webhookConfirmedAt: null,
    });
  });

  it("ignores any PaymentIntent but the one stored on the order", async () => {
    const { order, customer } = await pendingOrder();
    const own = await payFor(order, customer, "pm_card_chargeDeclined");
    await app.prisma.order.update({
      where: { id: order.id },
      data: { paymentIntentId: own.id, status: "declined" },
    });
    const other = await payFor(order, customer);

    const event = await signedEvent(other.id, "payment_intent.succeeded");
    expect(await handleStripeEvent(app.prisma, app.stripe, event)).toBe("ignored");
    expect(await reload(order)).toMatchObject({ status: "declined", paymentIntentId: own.id });
  });

  it("applies an event for the stored PaymentIntent, in the state Stripe has now", async () => {
    const { order, customer } = await pendingOrder();
    const declined = await payFor(order, customer, "pm_card_chargeDeclined");
    await app.prisma.order.update({
      where: { id: order.id },
      data: { paymentIntentId: declined.id, status: "declined" },
    });
    const failedEvent = await signedEvent(declined.id, "payment_intent.payment_failed");
    await app.stripe.paymentIntents.confirm(declined.id, { payment_method: "pm_card_visa" });

    // The payment_failed event arrives after the second card paid: Stripe's state wins.
    expect(await handleStripeEvent(app.prisma, app.stripe, failedEvent)).toBe("processed");
    expect(await reload(order)).toMatchObject({
      status: "paid",
      paymentIntentId: declined.id,
      paymentIntentStatus: "succeeded",
    });
  });

  it("applies an event that arrives before the PaymentIntent is stored once Stripe's copy matches", async () => {
    const { order, customer } = await pendingOrder();
    const intent = await payFor(order, customer);

    const event = await signedEvent(intent.id, "payment_intent.succeeded");
    expect(await handleStripeEvent(app.prisma, app.stripe, event)).toBe("processed");
    const paid = await reload(order);
    expect(paid).toMatchObject({ status: "paid", paymentIntentId: intent.id });
    expect(paid.webhookConfirmedAt).not.toBeNull();
  });

  it("ignores a PaymentIntent on the order's customer for another amount", async () => {
    const { order, customer } = await pendingOrder();
    const intent = await payFor({ ...order, amount: order.amount + 100 }, customer);

    const event = await signedEvent(intent.id, "payment_intent.succeeded");
    expect(await handleStripeEvent(app.prisma, app.stripe, event)).toBe("ignored");
    expect(await reload(order)).toMatchObject({ status: "pending", paymentIntentId: null });
  });
});
