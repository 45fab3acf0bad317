import type Stripe from "stripe";
import {
  declineCodeFor,
  failureMessageFor,
  orderStatusFor,
  threeDSecureResultFor,
} from "@/lib/checkout/payment-intent-outcome";
import type { Order, PrismaClient } from "@/lib/generated/prisma/client";

export type PaymentIntentState = Pick<Stripe.PaymentIntent, "id" | "status" | "last_payment_error">;

export type ApplyOptions = {
  /** A signed payment_intent.succeeded webhook says so. */
  confirmedByWebhook?: boolean;
  /** The attempt whose card paid; the order's latest attempt otherwise. */
  attemptId?: string;
};

/**
 * Records a PaymentIntent's state on its order and on the payment attempt whose card paid (the
 * latest when none is named). A paid order never goes back, a blocked one never changes, and an
 * order that already has a PaymentIntent is never moved onto another one. Callers pass a
 * PaymentIntent known to be the order's (see `order-payment-intent.ts`) and paid, if at all, by
 * a card the order evaluated (see `settle-payment-intent.ts`), preferably as read from Stripe.
 *
 * One statement: the order is updated only where those rules allow, and its latest attempt with
 * it (unless the order was paid already), so a webhook and the request that paid cannot
 * interleave their reads and writes. A paid order only records the webhook's confirmation.
 */
export async function applyPaymentIntent(
  prisma: PrismaClient,
  orderId: string,
  intent: PaymentIntentState,
  { confirmedByWebhook = false, attemptId }: ApplyOptions = {},
): Promise<Order> {
  const now = new Date();
  const webhookConfirmedAt = confirmedByWebhook && intent.status === "succeeded" ? now : null;
  // How 3D Secure went depends on what the attempt knew before: one value if it had been asked
  // for ("required"), the other (a value, or null for "as it was") otherwise.
  const afterRequired = threeDSecureResultFor("required", intent);
  const afterOther = threeDSecureResultFor(null, intent);
  const [updated] = await prisma.$queryRaw<Order[]>`
    WITH "before" AS (
      SELECT "status" FROM "Order" WHERE "id" = ${orderId}
    ), "latest" AS (
      SELECT "id" FROM "PaymentAttempt" WHERE "orderId" = ${orderId}
      ORDER BY ("id" = ${attemptId ?? null}) DESC NULLS LAST, "createdAt" DESC LIMIT 1
    ), "order" AS (
      UPDATE "Order" SET
        "paymentIntentId" = ${intent.id},
        "paymentIntentStatus" = CASE WHEN "status" = 'paid' THEN "paymentIntentStatus"
                                     ELSE ${intent.status} END,
        "status" = CASE WHEN "status" = 'paid' THEN "status"
                        ELSE ${orderStatusFor(intent)}::"OrderStatus" END,
        "webhookConfirmedAt" = COALESCE(${webhookConfirmedAt}::timestamp, "webhookConfirmedAt"),
        "updatedAt" = ${now}
      WHERE "id" = ${orderId} AND "status" <> 'blocked'
        AND ("paymentIntentId" IS NULL OR "paymentIntentId" = ${intent.id})
        AND ("status" <> 'paid' OR ${webhookConfirmedAt}::timestamp IS NOT NULL)
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
        AND (SELECT "status" FROM "before") <> 'paid'
    )
    SELECT * FROM "order"`;
  // Paid already (and no confirmation to record), blocked, or on another PaymentIntent: as it is.
  return updated ?? prisma.order.findUniqueOrThrow({ where: { id: orderId } });
}
