import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import type { StripeConfig } from "@/lib/config/load-config";

/** What a page hands to the browser to load Stripe.js: never a secret. */
export type BrowserStripeConfig = {
  publishableKey: string;
  /** The emulator's stand-in Stripe.js; unset in Stripe mode, where js.stripe.com is used. */
  scriptUrl?: string;
};

/** The server's side of loading Stripe.js: the publishable key, and the script to use. */
export function browserStripeConfig(
  stripe: Pick<StripeConfig, "publishableKey" | "apiHost">,
): BrowserStripeConfig {
  return stripe.apiHost
    ? {
        publishableKey: stripe.publishableKey,
        scriptUrl: `http://${stripe.apiHost.host}:${stripe.apiHost.port}/v3/`,
      }
    : { publishableKey: stripe.publishableKey };
}

let stripePromise: Promise<Stripe | null> | undefined;

/**
 * Loads Stripe.js once per page. In emulator mode the emulator's stand-in is injected first:
 * `loadStripe` then finds `window.Stripe` and uses it, so the rest of the code is the same.
 */
export function loadStripeJs(config: BrowserStripeConfig): Promise<Stripe | null> {
  stripePromise ??= (async () => {
    if (config.scriptUrl) await injectScript(config.scriptUrl);
    return loadStripe(config.publishableKey);
  })();
  stripePromise.catch(() => {
    stripePromise = undefined;
  });
  return stripePromise;
}

function injectScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Could not load ${src}`));
    document.head.appendChild(script);
  });
}

/** Creates a Radar Session, giving up after `timeoutMs`: the form is sent without one then. */
export async function createRadarSession(
  config: BrowserStripeConfig,
  timeoutMs = 5_000,
): Promise<string | undefined> {
  const attempt = (async () => {
    const stripe = await loadStripeJs(config);
    const result = await stripe?.createRadarSession();
    return result?.radarSession?.id;
  })();
  const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, timeoutMs));
  try {
    return await Promise.race([attempt, timeout]);
  } catch {
    return undefined;
  }
}
