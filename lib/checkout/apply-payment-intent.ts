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
 *
 * One statement: the order is updated only where those rules allow, and its latest attempt with
 * it, so a webhook and the request that paid cannot interleave their reads and writes.
 */
export async function applyPaymentIntent(
  prisma: PrismaClient,
  orderId: string,
  intent: PaymentIntentState,
  confirmedByWebhook = false,
): Promise<Order> {
  const now = new Date();
  const webhookConfirmedAt = confirmedByWebhook && intent.status === "succeeded" ? now : null;
  // How 3D Secure went depends on what the attempt knew before: one value if it had been asked
  // for ("required"), the other (a value, or null for "as it was") otherwise.
  const afterRequired = threeDSecureResultFor("required", intent);
  const afterOther = threeDSecureResultFor(null, intent);
  const [updated] = await prisma.$queryRaw<Order[]>`
    WITH "latest" AS (
      SELECT "id" FROM "PaymentAttempt" WHERE "orderId" = ${orderId}
      ORDER BY "createdAt" DESC LIMIT 1
    ), "order" AS (
      UPDATE "Order" SET
        "paymentIntentId" = ${intent.id},
        "paymentIntentStatus" = ${intent.status},
        "status" = ${orderStatusFor(intent)}::"OrderStatus",
        "webhookConfirmedAt" = COALESCE(${webhookConfirmedAt}::timestamp, "webhookConfirmedAt"),
        "updatedAt" = ${now}
      WHERE "id" = ${orderId} AND "status" <> 'paid'
        AND ("paymentIntentId" IS NULL OR "paymentIntentId" = ${intent.id})
      RETURNING *
    ), "attempt" AS (
      UPDATE "PaymentAttempt" SET
        "paymentIntentId" = ${intent.id},
        "paymentIntentStatus" = ${intent.status},
        "declineCode" = ${declineCodeFor(intent)},
        "failureMessage" = ${failureMessageFor(intent)},
        "threeDSecureResult" = CASE WHEN "threeDSecureResult" = 'required' THEN ${afterRequired}
                                    ELSE COALESCE(${afterOther}, "threeDSecureResult") END
      WHERE "id" IN (SELECT "id" FROM "latest") AND EXISTS (SELECT 1 FROM "order")
    )
    SELECT * FROM "order"`;
  if (updated) return updated;
  // Paid already, or on another PaymentIntent: left as it is, but for a webhook's confirmation.
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
  if (order.status === "paid" && order.paymentIntentId === intent.id && webhookConfirmedAt) {
    return prisma.order.update({ where: { id: orderId }, data: { webhookConfirmedAt } });
  }
  return order;
}
