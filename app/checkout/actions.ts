"use server";

import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { applyPaymentIntent } from "@/lib/checkout/apply-payment-intent";
import { parseCheckoutForm, QUANTITY_PREFIX } from "@/lib/checkout/checkout-form";
import { placeOrder } from "@/lib/checkout/place-order";
import { echoValues, type FormState } from "@/lib/forms/form-state";
import { services } from "@/lib/services/server";

export type CheckoutState = FormState & {
  /** The bank wants the person to authenticate: the browser finishes it with Stripe.js. */
  requiresAction?: { orderId: string; clientSecret: string };
};

const ECHOED = [
  "billing_name",
  "billing_email",
  "billing_phone",
  "billing_line1",
  "billing_line2",
  "billing_city",
  "billing_state",
  "billing_postal_code",
  "billing_country",
  "ship",
  "shipping_name",
  "shipping_phone",
  "shipping_line1",
  "shipping_line2",
  "shipping_city",
  "shipping_state",
  "shipping_postal_code",
  "shipping_country",
] as const;

export async function placeOrderAction(
  _: CheckoutState,
  formData: FormData,
): Promise<CheckoutState> {
  const user = await requireUser();
  const quantityFields = [...formData.keys()].filter((key) => key.startsWith(QUANTITY_PREFIX));
  const values = echoValues(formData, [...ECHOED, ...quantityFields]);
  const parsed = parseCheckoutForm(formData);
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, values };

  const result = await placeOrder(services(), user, parsed.form);
  switch (result.kind) {
    case "invalid":
      return { fieldErrors: result.fieldErrors, values };
    case "blocked":
      return {
        values,
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
  const { prisma, stripe } = services();
  const order = await prisma.order.findFirst({ where: { id: orderId, userId: user.id } });
  if (!order) redirect("/checkout");
  if (order.paymentIntentId) {
    const intent = await stripe.paymentIntents.retrieve(order.paymentIntentId);
    await applyPaymentIntent(prisma, order.id, intent);
  }
  redirect(`/orders/${order.id}`);
}
