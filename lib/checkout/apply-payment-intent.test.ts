import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { applyPaymentIntent, type PaymentIntentState } from "@/lib/checkout/apply-payment-intent";
import { testOrderData } from "@/lib/testing/checkout-fixtures";
import { setUpTestDatabase } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";

const succeeded = (id: string): PaymentIntentState => ({
  id,
  status: "succeeded",
  last_payment_error: null,
});
const declined = (id: string): PaymentIntentState => ({
  id,
  status: "requires_payment_method",
  last_payment_error: {
    type: "card_error",
    code: "card_declined",
    decline_code: "insufficient_funds",
    message: "Your card has insufficient funds.",
  },
});
const challenged = (id: string): PaymentIntentState => ({
  id,
  status: "requires_action",
  last_payment_error: null,
});

describe.each(testDatabaseKinds())("applyPaymentIntent on $label", (kind) => {
  const database = setUpTestDatabase(kind);

  /** An order with one payment attempt, not yet on a PaymentIntent. */
  async function orderWithAttempt() {
    const user = await database.prisma.user.create({
      data: { email: `${randomUUID()}@example.com`, name: "Jenny Rosen", passwordHash: "x" },
    });
    const order = await database.prisma.order.create({
      data: testOrderData(user.id, {
        paymentMethod: "pm_card_visa",
        attempts: { create: { paymentMethod: "pm_card_visa", decision: "allow" } },
      }),
    });
    return { order, intent: `pi_${randomUUID().replaceAll("-", "")}` };
  }

  const attemptOf = (orderId: string) =>
    database.prisma.paymentAttempt.findFirstOrThrow({ where: { orderId } });

  it("records the PaymentIntent on the order and on its latest attempt", async () => {
    const { order, intent } = await orderWithAttempt();
    const updated = await applyPaymentIntent(database.prisma, order.id, declined(intent));
    expect(updated).toMatchObject({ status: "declined", paymentIntentId: intent });
    expect(updated.updatedAt.getTime()).toBeGreaterThan(order.updatedAt.getTime());
    expect(await attemptOf(order.id)).toMatchObject({
      paymentIntentId: intent,
      paymentIntentStatus: "requires_payment_method",
      declineCode: "insufficient_funds",
      failureMessage: "Your card has insufficient funds.",
      threeDSecureResult: null,
    });
  });

  it("follows 3D Secure from required to authenticated", async () => {
    const { order, intent } = await orderWithAttempt();
    await applyPaymentIntent(database.prisma, order.id, challenged(intent));
    expect((await attemptOf(order.id)).threeDSecureResult).toBe("required");
    await applyPaymentIntent(database.prisma, order.id, succeeded(intent));
    expect((await attemptOf(order.id)).threeDSecureResult).toBe("authenticated");
  });

  it("never moves a paid order back, even with stale states sent at the same time", async () => {
    const { order, intent } = await orderWithAttempt();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        applyPaymentIntent(database.prisma, order.id, i % 2 ? succeeded(intent) : declined(intent)),
      ),
    );
    // Paid once is paid for good, whatever order the twenty writes landed in.
    expect(
      await database.prisma.order.findUniqueOrThrow({ where: { id: order.id } }),
    ).toMatchObject({
      status: "paid",
      paymentIntentStatus: "succeeded",
    });
    const stale = await applyPaymentIntent(database.prisma, order.id, declined(intent));
    expect(stale).toMatchObject({ status: "paid", paymentIntentStatus: "succeeded" });
    expect(await attemptOf(order.id)).toMatchObject({ paymentIntentStatus: "succeeded" });
  });

  it("never moves an order onto another PaymentIntent", async () => {
    const { order, intent } = await orderWithAttempt();
    await applyPaymentIntent(database.prisma, order.id, declined(intent));
    const other = await applyPaymentIntent(
      database.prisma,
      order.id,
      succeeded("pi_someone_elses"),
    );
    expect(other).toMatchObject({ status: "declined", paymentIntentId: intent });
    expect((await attemptOf(order.id)).paymentIntentId).toBe(intent);
  });

  it("records a webhook's confirmation on a paid order and changes nothing else", async () => {
    const { order, intent } = await orderWithAttempt();
    const paid = await applyPaymentIntent(database.prisma, order.id, succeeded(intent));
    expect(paid.webhookConfirmedAt).toBeNull();
    await database.prisma.paymentAttempt.updateMany({
      where: { orderId: order.id },
      data: { failureMessage: "kept" },
    });
    const confirmed = await applyPaymentIntent(database.prisma, order.id, succeeded(intent), {
      confirmedByWebhook: true,
    });
    expect(confirmed).toMatchObject({ status: "paid", paymentIntentId: intent });
    expect(confirmed.webhookConfirmedAt).not.toBeNull();
    expect((await attemptOf(order.id)).failureMessage).toBe("kept");
    // A webhook about another PaymentIntent confirms nothing.
    const foreign = await applyPaymentIntent(database.prisma, order.id, succeeded("pi_other"), {
      confirmedByWebhook: true,
    });
    expect(foreign.webhookConfirmedAt).toEqual(confirmed.webhookConfirmedAt);
  });
});
