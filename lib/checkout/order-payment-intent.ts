import type Stripe from "stripe";
import type { Order } from "@/lib/generated/prisma/client";

/**
 * Asks for a PaymentIntent with the PaymentMethod that paid it, whose card the settling checks:
 * a test ID such as `pm_card_visa` becomes a new PaymentMethod at each use, and without it that
 * check would be a second call to Stripe.
 */
export const WITH_PAYMENT_METHOD = { expand: ["payment_method"] };

export type OrderToPay = Pick<
  Order,
  "id" | "amount" | "currency" | "paymentIntentId" | "paymentMethod"
>;

/**
 * Whether Stripe's copy of a PaymentIntent was made for this order: its `metadata.order_id`,
 * customer, amount and currency all match. Metadata alone proves nothing, since anyone can create
 * a PaymentIntent on their own customer naming someone else's order.
 */
export function isOrdersPaymentIntent(
  intent: Stripe.PaymentIntent,
  order: OrderToPay,
  customer: string,
): boolean {
  const intentCustomer =
    typeof intent.customer === "string" ? intent.customer : intent.customer?.id;
  return (
    intent.metadata?.order_id === order.id &&
    intentCustomer === customer &&
    intent.amount === order.amount &&
    intent.currency === order.currency
  );
}

/**
 * The order's PaymentIntent as Stripe has it now: the stored one, or else one created for the
 * order whose ID never reached the database (the process stopped after Stripe answered).
 *
 * The customer's PaymentIntents are listed and filtered on `metadata.order_id` rather than
 * searched: the emulator has no `/v1/payment_intents/search`, and Stripe's search index lags
 * writes by up to a minute, while a list is read from the source and works on both.
 */
export async function findOrderPaymentIntent(
  stripe: Stripe,
  order: OrderToPay,
  customer: string,
): Promise<Stripe.PaymentIntent | null> {
  if (order.paymentIntentId) {
    return stripe.paymentIntents.retrieve(order.paymentIntentId, WITH_PAYMENT_METHOD);
  }
  // Checkout saves the payment method on the order before it creates the PaymentIntent.
  if (!order.paymentMethod) return null;
  const intents = stripe.paymentIntents.list({
    customer,
    limit: 100,
    expand: WITH_PAYMENT_METHOD.expand.map((field) => `data.${field}`),
  });
  for await (const intent of intents) {
    if (isOrdersPaymentIntent(intent, order, customer)) return intent;
  }
  return null;
}
