import Stripe from "stripe";
import type { StripeConfig } from "@/lib/config/load-config";

/**
 * The one place that knows whether requests go to api.stripe.com or to the local emulator: the
 * rest of the app calls the same `stripe` package either way.
 */
export function createStripeClient(config: Omit<StripeConfig, "paymentTimeoutMs">): Stripe {
  return new Stripe(config.secretKey, {
    ...config.apiHost,
    timeout: config.timeoutMs,
    maxNetworkRetries: 1,
    appInfo: { name: "radar-abuse-reference" },
    // The bodies go to the client's own request/response listeners only: the request
    // inspector masks them before it stores them (lib/stripe/request-log.ts).
    emitEventBodies: true,
  });
}
