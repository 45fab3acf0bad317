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

/** The issuer's decline code, or Stripe's error code when the issuer gave none. */
export function declineCodeFor(
  intent: Pick<Stripe.PaymentIntent, "status" | "last_payment_error">,
): string | null {
  if (intent.status === "succeeded" || intent.status === "processing") return null;
  const error = intent.last_payment_error;
  return error?.decline_code ?? error?.code ?? null;
}

export type ThreeDSecureResult = "required" | "authenticated" | "failed";

/**
 * How 3D Secure went for an attempt, from what the attempt knew before and the PaymentIntent now:
 * `requires_action` asks for it; what follows a challenge says whether the person passed it.
 */
export function threeDSecureResultFor(
  before: string | null,
  intent: Pick<Stripe.PaymentIntent, "status" | "last_payment_error">,
): ThreeDSecureResult | null {
  if (intent.status === "requires_action") return "required";
  if (intent.last_payment_error?.code === "payment_intent_authentication_failure") return "failed";
  if (before !== "required") return before === null ? null : (before as ThreeDSecureResult);
  if (intent.status === "succeeded" || intent.status === "processing") return "authenticated";
  return intent.status === "requires_payment_method" ? "failed" : "required";
}
