import "server-only";
import type Stripe from "stripe";
import { config } from "@/lib/env";
import { createStripeClient } from "@/lib/stripe/create-client";

const cache = globalThis as unknown as { __stripe?: Stripe };

/** The server's Stripe client; it holds the secret key, so it never reaches a browser bundle. */
export function stripe(): Stripe {
  cache.__stripe ??= createStripeClient(config.stripe);
  return cache.__stripe;
}
