import { handleStripeEvent } from "@/lib/checkout/webhook-events";
import { db } from "@/lib/db/client";
import { config } from "@/lib/env";
import { stripe } from "@/lib/stripe/server";

export const dynamic = "force-dynamic";

/**
 * Stripe's webhooks (or the emulator's). The signature is checked against the raw body, and
 * signatures older than five minutes are refused, so a recorded delivery cannot be replayed.
 */
export async function POST(request: Request) {
  const secret = config.stripe.webhookSecret;
  if (!secret) {
    return Response.json({ error: "STRIPE_WEBHOOK_SECRET is not configured" }, { status: 500 });
  }
  const signature = request.headers.get("stripe-signature");
  if (!signature) {
    return Response.json({ error: "Missing Stripe-Signature header" }, { status: 400 });
  }
  const payload = await request.text();
  let event: ReturnType<ReturnType<typeof stripe>["webhooks"]["constructEvent"]>;
  try {
    event = stripe().webhooks.constructEvent(payload, signature, secret);
  } catch (error) {
    const message = error instanceof Error ? error.message : "Invalid signature";
    return Response.json({ error: message }, { status: 400 });
  }
  const outcome = await handleStripeEvent(db(), stripe(), event);
  return Response.json({ received: true, outcome });
}
