import type Stripe from "stripe";
import { failureMessageFor, orderStatusFor } from "@/lib/checkout/payment-intent-outcome";
import type { Order, PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Records a PaymentIntent's state on its order. A paid order never goes back, and an order that
 * already has a PaymentIntent is never moved onto another one. Callers pass a PaymentIntent
 * known to be the order's (see `order-payment-intent.ts`), preferably as retrieved from Stripe.
 */
export async function applyPaymentIntent(
  prisma: PrismaClient,
  orderId: string,
  intent: Pick<Stripe.PaymentIntent, "id" | "status" | "last_payment_error">,
  confirmedByWebhook = false,
): Promise<Order> {
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
  if (order.paymentIntentId && order.paymentIntentId !== intent.id) return order;
  const status = order.status === "paid" ? "paid" : orderStatusFor(intent);
  return prisma.order.update({
    where: { id: orderId },
    data: {
      paymentIntentId: intent.id,
      paymentIntentStatus: order.status === "paid" ? order.paymentIntentStatus : intent.status,
      status,
      failureMessage: status === "paid" ? null : failureMessageFor(intent),
      ...(confirmedByWebhook && intent.status === "succeeded"
        ? { webhookConfirmedAt: new Date() }
        : {}),
    },
  });
}
