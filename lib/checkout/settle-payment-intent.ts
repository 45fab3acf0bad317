import type Stripe from "stripe";
import { type ApplyOptions, applyPaymentIntent } from "@/lib/checkout/apply-payment-intent";
import { cardSummary } from "@/lib/checkout/payment-attempts";
import type { Order, PrismaClient } from "@/lib/generated/prisma/client";
import type { Services } from "@/lib/services/services";

/** What the buyer reads about an order a card it never evaluated paid. */
export const UNEVALUATED_PAYMENT_MESSAGE =
  "This order was paid with a card other than the one checked at checkout, so the payment was refunded and the order is not paid. Start a new checkout to buy these items.";

export type SettledPaymentIntent = Pick<
  Stripe.PaymentIntent,
  "id" | "status" | "last_payment_error" | "payment_method"
>;

/**
 * Applies a PaymentIntent's state to its order when the card that paid is one the order
 * evaluated (see `applyPaymentIntent` for the rules of the write). A payment by any other card,
 * or on an order Radar blocked, leaves the order unpaid: the money is given back and the order
 * flagged with the card, which its page shows.
 */
export async function settlePaymentIntent(
  { prisma, stripe }: Pick<Services, "prisma" | "stripe">,
  orderId: string,
  intent: SettledPaymentIntent,
  options: Pick<ApplyOptions, "confirmedByWebhook"> = {},
): Promise<Order> {
  const check = await checkPaymentMethod(prisma, stripe, orderId, intent);
  if (check.kind !== "unevaluated") {
    return applyPaymentIntent(prisma, orderId, intent, {
      ...options,
      ...(check.kind === "evaluated" ? { attemptId: check.attemptId } : {}),
    });
  }
  await returnUnevaluatedPayment(stripe, intent);
  // A blocked order stays blocked; any other unpaid one is declined, to be bought again.
  const [flagged] = await prisma.$queryRaw<Order[]>`
    UPDATE "Order" SET
      "unevaluatedPaymentMethod" = ${check.paymentMethod},
      "unevaluatedCard" = ${check.card},
      "status" = CASE WHEN "status" = 'blocked' THEN "status" ELSE 'declined' END,
      "paymentIntentStatus" = CASE WHEN "status" = 'blocked' THEN "paymentIntentStatus"
                                   ELSE ${intent.status} END,
      "updatedAt" = ${new Date()}
    WHERE "id" = ${orderId} AND "status" <> 'paid'
    RETURNING *`;
  return flagged ?? prisma.order.findUniqueOrThrow({ where: { id: orderId } });
}

/** The statuses in which a PaymentIntent has taken, or is taking, the card's money. */
const MONEY_MOVED = new Set<Stripe.PaymentIntent.Status>([
  "succeeded",
  "processing",
  "requires_capture",
]);

export type PaymentMethodCheck =
  /** No money moved, so no card to check. */
  | { kind: "none" }
  /** The card an attempt of the order evaluated, and Radar did not block. */
  | { kind: "evaluated"; attemptId: string }
  /** Another card, or an order Radar blocked: it must not pay the order. */
  | { kind: "unevaluated"; paymentMethod: string; card: string };

/**
 * Whether the card that paid a PaymentIntent is one the order's checkout evaluated. The client
 * secret the browser holds for 3D Secure can confirm the PaymentIntent again with any
 * PaymentMethod, so a payment is the order's only when an attempt that Radar did not block
 * evaluated that PaymentMethod, or the same card (its fingerprint: Stripe's test IDs such as
 * `pm_card_visa` make a new PaymentMethod of their card at each use).
 */
async function checkPaymentMethod(
  prisma: PrismaClient,
  stripe: Stripe,
  orderId: string,
  intent: Pick<Stripe.PaymentIntent, "status" | "payment_method">,
): Promise<PaymentMethodCheck> {
  const paidWith = intent.payment_method;
  if (!MONEY_MOVED.has(intent.status) || !paidWith) return { kind: "none" };
  const id = typeof paidWith === "string" ? paidWith : paidWith.id;
  // No attempt counts on an order Radar blocked.
  const attempts = await prisma.paymentAttempt.findMany({
    where: { orderId, decision: { not: "block" }, order: { status: { not: "blocked" } } },
    select: { id: true, paymentMethod: true, cardFingerprint: true },
    orderBy: { createdAt: "desc" },
  });
  const sameMethod = attempts.find((attempt) => attempt.paymentMethod === id);
  if (sameMethod) return { kind: "evaluated", attemptId: sameMethod.id };
  const method = typeof paidWith === "string" ? await stripe.paymentMethods.retrieve(id) : paidWith;
  const card = cardSummary(method);
  const sameCard = card.fingerprint
    ? attempts.find((attempt) => attempt.cardFingerprint === card.fingerprint)
    : undefined;
  if (sameCard) return { kind: "evaluated", attemptId: sameCard.id };
  return {
    kind: "unevaluated",
    paymentMethod: id,
    card: [card.brand ?? "card", card.last4 ?? ""].join(" ").trim(),
  };
}

/**
 * Gives back a payment an unevaluated card made: refunded once it succeeded, canceled while it
 * awaits capture (a payment still processing is refunded when its success is heard of). One
 * idempotency key per PaymentIntent, so a webhook and the page returning from 3D Secure refund
 * once.
 */
async function returnUnevaluatedPayment(
  stripe: Stripe,
  intent: Pick<Stripe.PaymentIntent, "id" | "status">,
): Promise<void> {
  if (intent.status === "succeeded") {
    await stripe.refunds.create(
      { payment_intent: intent.id, reason: "fraudulent" },
      { idempotencyKey: `refund-unevaluated-${intent.id}` },
    );
  } else if (intent.status === "requires_capture") {
    await stripe.paymentIntents.cancel(
      intent.id,
      { cancellation_reason: "fraudulent" },
      { idempotencyKey: `cancel-unevaluated-${intent.id}` },
    );
  }
}
