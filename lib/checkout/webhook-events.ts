import type Stripe from "stripe";
import { applyPaymentIntent } from "@/lib/checkout/place-order";
import { isUniqueViolation } from "@/lib/db/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type WebhookOutcome = "processed" | "duplicate" | "ignored";

const PAYMENT_INTENT_EVENTS = new Set([
  "payment_intent.succeeded",
  "payment_intent.payment_failed",
]);

/**
 * Applies a verified Stripe event once. Stripe delivers at least once, so each event ID is
 * remembered and a second delivery changes nothing.
 */
export async function handleStripeEvent(
  prisma: PrismaClient,
  event: Stripe.Event,
): Promise<WebhookOutcome> {
  if (await prisma.processedWebhookEvent.findUnique({ where: { id: event.id } })) {
    return "duplicate";
  }
  let outcome: WebhookOutcome = "ignored";
  if (PAYMENT_INTENT_EVENTS.has(event.type)) {
    const intent = event.data.object as Stripe.PaymentIntent;
    const orderId = intent.metadata?.order_id;
    const order = orderId ? await prisma.order.findUnique({ where: { id: orderId } }) : null;
    if (order) {
      await applyPaymentIntent(prisma, order.id, intent, true);
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
