import "server-only";
import type Stripe from "stripe";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { createStripeClient } from "@/lib/stripe/create-client";
import { type RequestLog, recordStripeRequests } from "@/lib/stripe/request-log";

const cache = globalThis as unknown as { __stripe?: Stripe; __stripeRequests?: RequestLog };

/**
 * The server's Stripe client; it holds the secret key, so it never reaches a browser bundle.
 * Every call it makes is recorded for the request inspector.
 */
export function stripe(): Stripe {
  if (!cache.__stripe) {
    const client = createStripeClient(config.stripe);
    cache.__stripeRequests = recordStripeRequests(client, {
      prisma: db(),
      noResponseAfterMs: config.stripe.timeoutMs + 1_000,
    });
    cache.__stripe = client;
  }
  return cache.__stripe;
}

/** The record of the server's Stripe calls (lib/stripe/request-log.ts). */
export function stripeRequestLog(): RequestLog {
  stripe();
  return cache.__stripeRequests as RequestLog;
}
