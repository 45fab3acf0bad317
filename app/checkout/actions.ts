"use server";

import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { parseCheckoutForm } from "@/lib/checkout/checkout-form";
import { completeOrder } from "@/lib/checkout/complete-order";
import { placeOrder } from "@/lib/checkout/place-order";
import { echoValues, type FormState } from "@/lib/forms/parse-form";
import { presenterWhy } from "@/lib/radar/presenter-why";
import { services } from "@/lib/services/server";

export type CheckoutState = FormState & {
  /** The bank wants the person to authenticate: the browser finishes it with Stripe.js. */
  requiresAction?: { orderId: string; clientSecret: string };
};

/** What a refused form shows again: everything typed but the browser's own IDs. */
const NOT_ECHOED = new Set(["checkout_id", "payment_method", "radar_session"]);

export async function placeOrderAction(
  _: CheckoutState,
  formData: FormData,
): Promise<CheckoutState> {
  const user = await requireUser();
  const values = echoValues(
    formData,
    [...formData.keys()].filter((key) => !NOT_ECHOED.has(key)),
  );
  const parsed = parseCheckoutForm(formData);
  if (parsed.kind === "invalid") return { fieldErrors: parsed.fieldErrors, values };

  const result = await placeOrder(services(), user, parsed.data);
  switch (result.kind) {
    case "invalid":
      return { fieldErrors: result.fieldErrors, values };
    case "blocked":
      return {
        values,
        why: await presenterWhy({ order: result.orderId }),
        message:
          "We couldn't accept this payment: it was flagged as high risk, and you were not charged.",
      };
    case "declined":
      return { values, fieldErrors: { payment_method: result.message } };
    case "requires_action":
      return {
        values,
        requiresAction: { orderId: result.orderId, clientSecret: result.clientSecret },
      };
    case "paid":
    case "processing":
      redirect(`/orders/${result.orderId}`);
  }
}

/** After the browser handled 3D Secure: read the PaymentIntent and show the order. */
export async function completeOrderAction(orderId: string): Promise<void> {
  const user = await requireUser();
  const order = await completeOrder(services(), user.id, orderId);
  redirect(order ? `/orders/${order.id}` : "/checkout");
}
