import { WITH_PAYMENT_METHOD } from "@/lib/checkout/order-payment-intent";
import { settlePaymentIntent } from "@/lib/checkout/settle-payment-intent";
import type { Order } from "@/lib/generated/prisma/client";
import type { Services } from "@/lib/services/services";

/**
 * After the browser handled 3D Secure: the buyer's order brought up to date with its
 * PaymentIntent as Stripe has it. Null when the order is not the buyer's.
 */
export async function completeOrder(
  services: Pick<Services, "prisma" | "stripe">,
  userId: string,
  orderId: string,
): Promise<Order | null> {
  const { prisma, stripe } = services;
  const order = await prisma.order.findFirst({ where: { id: orderId, userId } });
  if (!order?.paymentIntentId) return order;
  const intent = await stripe.paymentIntents.retrieve(order.paymentIntentId, WITH_PAYMENT_METHOD);
  return settlePaymentIntent(services, order.id, intent);
}
