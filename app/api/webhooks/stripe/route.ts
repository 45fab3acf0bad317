import type Stripe from "stripe";
import { handleStripeEvent } from "@/lib/checkout/webhook-events";
import { config } from "@/lib/config";
import { applyEventNotification } from "@/lib/radar/late-evaluations";
import { services } from "@/lib/services/server";

export const dynamic = "force-dynamic";

/** Stripe's events are a few kilobytes; anything this large is not one. */
const MAX_BODY_BYTES = 1024 * 1024;
/** How far ahead of this server's clock a signature's timestamp may be (clock skew). */
const FUTURE_TOLERANCE_SECONDS = 5 * 60;

/**
 * Stripe reads only the status. Next.js sends a route's body without a length, so its gzip
 * (on by default, for any client that accepts it, as the emulator's fetch does) would compress
 * every few-byte answer, a deflate stream per delivery, for nothing. `no-transform` turns it off
 * for these answers only.
 */
const ANSWER = { headers: { "Cache-Control": "no-transform" } };

const refuse = (status: number, error: string) => Response.json({ error }, { ...ANSWER, status });

/**
 * Stripe's webhooks (or the emulator's): v1 events, whose body is the object, and v2 thin events
 * (`v2.core.event`, such as `v2.signals.account_evaluation.complete`), which name the object to
 * read. The signature is checked against the raw body, and signatures more than five minutes old
 * or ahead are refused, so a recorded delivery cannot be replayed. A body over 1 MB is refused
 * unread, or as soon as its first megabyte has arrived when its length is not declared.
 */
export async function POST(request: Request) {
  const secret = config.stripe.webhookSecret;
  if (!secret) return refuse(500, "STRIPE_WEBHOOK_SECRET is not configured");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return refuse(413, "Request body is larger than 1 MB");
  }
  const signature = request.headers.get("stripe-signature");
  if (!signature) return refuse(400, "Missing Stripe-Signature header");
  const timestamp = signedAt(signature);
  if (timestamp !== undefined && timestamp > Date.now() / 1000 + FUTURE_TOLERANCE_SECONDS) {
    return refuse(400, "Signature timestamp is more than five minutes in the future");
  }
  const payload = await readAtMost(request, MAX_BODY_BYTES);
  if (!payload) return refuse(413, "Request body is larger than 1 MB");

  const appServices = services();
  const { prisma, stripe } = appServices;
  // Both refuse timestamps older than their five-minute tolerance; not newer ones.
  if (isThinEvent(payload)) {
    let notification: ReturnType<Stripe["parseEventNotification"]>;
    try {
      notification = stripe.parseEventNotification(
        payload,
        signature,
        config.stripe.thinWebhookSecret ?? secret,
      );
    } catch (error) {
      return refuse(400, error instanceof Error ? error.message : "Invalid signature");
    }
    const outcome = await applyEventNotification(
      appServices,
      notification,
      config.stripe.timeoutMs,
    );
    return Response.json({ received: true, outcome }, ANSWER);
  }
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(payload, signature, secret);
  } catch (error) {
    return refuse(400, error instanceof Error ? error.message : "Invalid signature");
  }
  const outcome = await handleStripeEvent(prisma, stripe, event);
  return Response.json({ received: true, outcome }, ANSWER);
}

/** Whether the body is a v2 thin event; which signature check applies is chosen by it. */
function isThinEvent(payload: Buffer): boolean {
  try {
    return (
      (JSON.parse(payload.toString("utf8")) as { object?: unknown }).object === "v2.core.event"
    );
  } catch {
    return false;
  }
}

/** The `t=` element of a Stripe-Signature header, in Unix seconds. */
function signedAt(signature: string): number | undefined {
  const element = signature.split(",").find((part) => part.trim().startsWith("t="));
  const seconds = Number(element?.trim().slice(2));
  return element && Number.isInteger(seconds) ? seconds : undefined;
}

/**
 * The body, or undefined as soon as it passes `limit` bytes. Reading stops there: the rest is
 * never buffered (the server discards it once the response is sent). The stream is released,
 * not cancelled, as cancelling would reset the connection before the 413 is written.
 */
async function readAtMost(request: Request, limit: number): Promise<Buffer | undefined> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Buffer.concat(chunks);
      size += value.byteLength;
      if (size > limit) return undefined;
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
}
