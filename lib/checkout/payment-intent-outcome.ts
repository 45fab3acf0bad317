import type Stripe from "stripe";
import type { OrderStatus } from "@/lib/generated/prisma/client";

/** The order status that follows from a PaymentIntent's status. */
export function orderStatusFor(intent: Pick<Stripe.PaymentIntent, "status">): OrderStatus {
  switch (intent.status) {
    case "succeeded":
      return "paid";
    case "processing":
      return "processing";
    case "requires_action":
    case "requires_confirmation":
      return "requires_action";
    case "requires_payment_method":
    case "canceled":
      return "declined";
    default:
      return "pending";
  }
}

/** Words for the person when a payment did not go through. */
export function failureMessageFor(
  intent: Pick<Stripe.PaymentIntent, "status" | "last_payment_error">,
) {
  if (intent.status === "succeeded" || intent.status === "processing") return null;
  if (intent.status === "canceled") return "The payment was canceled.";
  return intent.last_payment_error?.message ?? null;
}
