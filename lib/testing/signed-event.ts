import type Stripe from "stripe";

/** The emulator's event of `type` about a PaymentIntent, signed and verified as the webhook route does. */
export async function signedPaymentIntentEvent(
  stripe: Stripe,
  webhookSecret: string,
  intentId: string,
  type: string,
): Promise<Stripe.Event> {
  const events = await stripe.events.list({ type, limit: 100 });
  const event = events.data.find(
    (candidate) => (candidate.data.object as Stripe.PaymentIntent).id === intentId,
  );
  if (!event) throw new Error(`No ${type} event for ${intentId}`);
  const payload = JSON.stringify(event);
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
  return stripe.webhooks.constructEvent(payload, header, webhookSecret);
}
