import { findOrderPaymentIntent } from "@/lib/checkout/order-payment-intent";
import { settlePaymentIntent } from "@/lib/checkout/settle-payment-intent";
import type { Services } from "@/lib/services/services";

/** A checkout request is over well within this; an order untouched for longer was left behind. */
const LEFT_BEHIND_AFTER_MS = 60_000;
const BATCH_SIZE = 50;

/**
 * Brings orders that a request left unfinished (the process stopped after Stripe answered, a
 * webhook never came, 3D Secure was abandoned) up to date with their PaymentIntent: the stored
 * one or, when its ID was never saved, the one Stripe has for the order. Orders are checked
 * least recently touched first, and each is touched, so none holds up the others. The server
 * runs it in the background (lib/startup/background-work.ts). Returns how many orders changed
 * status.
 */
export async function settlePendingOrders(
  { prisma, stripe }: Pick<Services, "prisma" | "stripe">,
  now = new Date(),
): Promise<number> {
  const orders = await prisma.order.findMany({
    where: {
      status: { in: ["pending", "processing", "requires_action"] },
      // Checkout saves the payment method before it creates a PaymentIntent.
      paymentMethod: { not: null },
      updatedAt: { lt: new Date(now.getTime() - LEFT_BEHIND_AFTER_MS) },
    },
    include: { user: { select: { stripeCustomerId: true } } },
    orderBy: { updatedAt: "asc" },
    take: BATCH_SIZE,
  });
  let changed = 0;
  for (const order of orders) {
    await prisma.order.update({ where: { id: order.id }, data: { updatedAt: now } });
    const customer = order.user.stripeCustomerId;
    const intent = customer ? await findOrderPaymentIntent(stripe, order, customer) : null;
    if (!intent) continue;
    const updated = await settlePaymentIntent({ prisma, stripe }, order.id, intent);
    if (updated.status !== order.status) changed += 1;
  }
  return changed;
}
