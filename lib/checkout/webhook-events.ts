import type Stripe from "stripe";
import { z } from "zod";
import { isOrdersPaymentIntent, WITH_PAYMENT_METHOD } from "@/lib/checkout/order-payment-intent";
import { settlePaymentIntent } from "@/lib/checkout/settle-payment-intent";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Order, PrismaClient } from "@/lib/generated/prisma/client";

export type WebhookOutcome = "processed" | "duplicate" | "ignored";

/** The events the app acts on: its webhook endpoint needs no others. */
export const PAYMENT_INTENT_EVENTS = new Set([
  "payment_intent.succeeded",
  "payment_intent.payment_failed",
]);

/**
 * Applies a verified Stripe event once. Stripe delivers at least once, so each event ID is
 * remembered and a second delivery changes nothing.
 */
export async function handleStripeEvent(
  prisma: PrismaClient,
  stripe: Stripe,
  event: Stripe.Event,
): Promise<WebhookOutcome> {
  if (await prisma.processedWebhookEvent.findUnique({ where: { id: event.id } })) {
    return "duplicate";
  }
  let outcome: WebhookOutcome = "ignored";
  if (PAYMENT_INTENT_EVENTS.has(event.type)) {
    const paid = await orderPaidBy(prisma, stripe, event.data.object);
    if (paid) {
      await settlePaymentIntent({ prisma, stripe }, paid.order.id, paid.intent, {
        confirmedByWebhook: true,
      });
      outcome = "processed";
    }
  }
  try {
    await prisma.processedWebhookEvent.create({ data: { id: event.id, type: event.type } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return "duplicate";
  }
  return outcome;
}

/** The fields of an event's PaymentIntent that name the order it pays. */
const describedPaymentIntent = z.object({
  id: z.string().regex(/^pi_[A-Za-z0-9]+$/),
  metadata: z.object({ order_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
});

/**
 * The order an event's PaymentIntent pays, with the PaymentIntent as Stripe has it now; null when
 * it pays none of ours. A signed event proves only that Stripe sent it: anyone can create a
 * PaymentIntent whose `metadata.order_id` names someone else's order. So the PaymentIntent must be
 * the order's stored one or, before that is stored, Stripe's copy must be on the order's customer
 * for the order's amount. Its state is read from Stripe too, since events can arrive out of order.
 */
async function orderPaidBy(
  prisma: PrismaClient,
  stripe: Stripe,
  object: unknown,
): Promise<{ order: Order; intent: Stripe.PaymentIntent } | null> {
  // Signed, yet only what Stripe sends is expected: anything else names no order of ours.
  const parsed = describedPaymentIntent.safeParse(object);
  if (!parsed.success) return null;
  const described = parsed.data;
  const orderId = described.metadata.order_id;
  const order = await prisma.order.findUnique({
    where: { id: orderId },
    include: { user: { select: { stripeCustomerId: true } } },
  });
  if (!order) return null;
  if (order.paymentIntentId) {
    if (order.paymentIntentId !== described.id) return null;
    const intent = await stripe.paymentIntents.retrieve(order.paymentIntentId, WITH_PAYMENT_METHOD);
    return { order, intent };
  }
  const customer = order.user.stripeCustomerId;
  if (!customer) return null;
  const intent = await stripe.paymentIntents
    .retrieve(described.id, WITH_PAYMENT_METHOD)
    .catch((error: unknown) => {
      // A PaymentIntent Stripe does not have pays nothing; any other failure is retried by Stripe.
      if ((error as { code?: string }).code === "resource_missing") return null;
      throw error;
    });
  return intent && isOrdersPaymentIntent(intent, order, customer) ? { order, intent } : null;
}
