import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { seedCatalogue } from "@/lib/catalogue/seed-catalogue";
import type { CheckoutForm } from "@/lib/checkout/checkout-form";
import { placeOrder } from "@/lib/checkout/place-order";
import { settlePendingOrders } from "@/lib/checkout/settle-pending-orders";
import type { Order, User } from "@/lib/generated/prisma/client";
import { testCheckoutForm } from "@/lib/testing/checkout-fixtures";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";

const emulator = setUpTestEmulator();

describe.each(testDatabaseKinds())("orders left behind by a crash on $label", (kind) => {
  const app = setUpTestServices(kind, emulator);
  beforeAll(() => seedCatalogue(app.prisma));

  async function newBuyer(): Promise<User> {
    const email = `buyer.${randomUUID().slice(0, 8)}@example.com`;
    const customer = await app.stripe.customers.create({ email });
    return app.prisma.user.create({
      data: { email, name: "Jenny Rosen", passwordHash: "x", stripeCustomerId: customer.id },
    });
  }

  const checkoutForm = () => testCheckoutForm();

  const intentsOf = async (buyer: User) =>
    (await emulator.api.retrieve(`/v1/payment_intents?customer=${buyer.stripeCustomerId}`))
      .data as Stripe.PaymentIntent[];

  /**
   * The process stops after Stripe created and charged the order's PaymentIntent, before the
   * database heard of it: the order stays pending with no PaymentIntent ID, and Stripe (here
   * restarted, so it forgot the idempotency key) holds a paid PaymentIntent for it.
   */
  async function crashAfterStripeAnswered(buyer: User, form: CheckoutForm): Promise<Order> {
    await emulator.api.injectFault({ path: "/v1/payment_intents", method: "POST", status: 500 });
    const attempt = await placeOrder(app.services, buyer, form);
    await emulator.api.clearFaults();
    if (attempt.kind !== "declined") throw new Error(`unexpected ${attempt.kind}`);
    const order = await app.prisma.order.findUniqueOrThrow({
      where: { id: attempt.orderId },
    });
    await app.stripe.paymentIntents.create({
      amount: order.amount,
      currency: order.currency,
      customer: buyer.stripeCustomerId ?? "",
      payment_method: form.paymentMethod,
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      metadata: { order_id: order.id },
    });
    expect(order).toMatchObject({ status: "pending", paymentIntentId: null });
    return order;
  }

  it("answers the form sent again with the PaymentIntent Stripe already has", async () => {
    const buyer = await newBuyer();
    const form = checkoutForm();
    const order = await crashAfterStripeAnswered(buyer, form);

    expect(await placeOrder(app.services, buyer, form)).toEqual({
      kind: "paid",
      orderId: order.id,
    });
    const intents = await intentsOf(buyer);
    expect(intents).toHaveLength(1);
    expect(await app.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "paid",
      paymentIntentId: intents[0]?.id,
    });
  });

  it("settles the order in the sweep", async () => {
    const buyer = await newBuyer();
    const order = await crashAfterStripeAnswered(buyer, checkoutForm());

    expect(await settlePendingOrders(app.services)).toBe(0); // Not left behind for a minute yet.
    const later = new Date(Date.now() + 2 * 60_000);
    expect(await settlePendingOrders(app.services, later)).toBeGreaterThanOrEqual(1);
    const intents = await intentsOf(buyer);
    expect(intents).toHaveLength(1);
    expect(await app.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "paid",
      paymentIntentId: intents[0]?.id,
    });
    // The list brought the PaymentMethod with the PaymentIntent: its card is checked without
    // asking Stripe for it again.
    const paidWith = intents[0]?.payment_method as string;
    const lookups = await emulator.api.requests(`/v1/payment_methods/${paidWith}`);
    expect(lookups.data).toEqual([]);
  });

  it("settles a processing order whose webhook never came", async () => {
    const buyer = await newBuyer();
    const form = checkoutForm();
    const placed = await placeOrder(app.services, buyer, form);
    if (placed.kind !== "paid") throw new Error(`unexpected ${placed.kind}`);
    // As if the PaymentIntent had answered "processing" and its success event were lost.
    await app.prisma.order.update({
      where: { id: placed.orderId },
      data: { status: "processing", paymentIntentStatus: "processing" },
    });

    await settlePendingOrders(app.services, new Date(Date.now() + 2 * 60_000));
    expect(
      await app.prisma.order.findUniqueOrThrow({ where: { id: placed.orderId } }),
    ).toMatchObject({ status: "paid", paymentIntentStatus: "succeeded" });
  });

  it("leaves an order Stripe has no PaymentIntent for pending, for its buyer to pay", async () => {
    const buyer = await newBuyer();
    await emulator.api.injectFault({ path: "/v1/payment_intents", method: "POST", status: 500 });
    const attempt = await placeOrder(app.services, buyer, checkoutForm());
    await emulator.api.clearFaults();
    if (attempt.kind !== "declined") throw new Error(`unexpected ${attempt.kind}`);

    await settlePendingOrders(app.services, new Date(Date.now() + 2 * 60_000));
    expect(
      await app.prisma.order.findUniqueOrThrow({ where: { id: attempt.orderId } }),
    ).toMatchObject({ status: "pending", paymentIntentId: null });
    expect(await intentsOf(buyer)).toEqual([]);
  });
});
