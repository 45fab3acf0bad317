import type Stripe from "stripe";
import {
  declineCodeFor,
  failureMessageFor,
  orderStatusFor,
  threeDSecureResultFor,
} from "@/lib/checkout/payment-intent-outcome";
import type { Order, PrismaClient } from "@/lib/generated/prisma/client";

export type PaymentIntentState = Pick<Stripe.PaymentIntent, "id" | "status" | "last_payment_error">;

/**
 * Records a PaymentIntent's state on its order and on the order's latest payment attempt. A paid
 * order never goes back, and an order that already has a PaymentIntent is never moved onto
 * another one. Callers pass a PaymentIntent known to be the order's (see
 * `order-payment-intent.ts`), preferably as retrieved from Stripe.
 */
export async function applyPaymentIntent(
  prisma: PrismaClient,
  orderId: string,
  intent: PaymentIntentState,
  confirmedByWebhook = false,
): Promise<Order> {
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
  if (order.paymentIntentId && order.paymentIntentId !== intent.id) return order;
  const alreadyPaid = order.status === "paid";
  const webhookConfirmation =
    confirmedByWebhook && intent.status === "succeeded" ? { webhookConfirmedAt: new Date() } : {};
  if (alreadyPaid) {
    return prisma.order.update({ where: { id: orderId }, data: webhookConfirmation });
  }
  const attempt = await prisma.paymentAttempt.findFirst({
    where: { orderId },
    orderBy: { createdAt: "desc" },
  });
  const [updated] = await prisma.$transaction([
    prisma.order.update({
      where: { id: orderId },
      data: {
        paymentIntentId: intent.id,
        paymentIntentStatus: intent.status,
        status: orderStatusFor(intent),
        ...webhookConfirmation,
      },
    }),
    ...(attempt
      ? [
          prisma.paymentAttempt.update({
            where: { id: attempt.id },
            data: {
              paymentIntentId: intent.id,
              paymentIntentStatus: intent.status,
              declineCode: declineCodeFor(intent),
              failureMessage: failureMessageFor(intent),
              threeDSecureResult: threeDSecureResultFor(attempt.threeDSecureResult, intent),
            },
          }),
        ]
      : []),
  ]);
  return updated;
}
