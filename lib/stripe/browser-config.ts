import "server-only";
import { config } from "@/lib/config";

/** What a page hands to the browser to load Stripe.js: never a secret. */
export type BrowserStripeConfig = {
  publishableKey: string;
  /** The emulator's stand-in Stripe.js; unset in Stripe mode, where js.stripe.com is used. */
  scriptUrl?: string;
};

export function browserStripeConfig(): BrowserStripeConfig {
  const { stripe } = config;
  return stripe.apiHost
    ? {
        publishableKey: stripe.publishableKey,
        scriptUrl: `http://${stripe.apiHost.host}:${stripe.apiHost.port}/v3/`,
      }
    : { publishableKey: stripe.publishableKey };
}
