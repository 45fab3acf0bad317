import "server-only";
import { after } from "next/server";
import type Stripe from "stripe";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { createAccountAbuseApi } from "@/lib/radar/create-account-abuse-api";
import { emulatorExplainer } from "@/lib/radar/score-explanation";
import type { Services } from "@/lib/services/services";
import { createStripeClient } from "@/lib/stripe/create-client";
import { type RequestLog, recordStripeRequests } from "@/lib/stripe/request-log";

type RecordedStripe = { client: Stripe; requests: RequestLog };

const cache = globalThis as unknown as { __stripe?: RecordedStripe };

/**
 * The server's Stripe client, created once per process; it holds the secret key, so it never
 * reaches a browser bundle. Every call it makes is recorded for the request inspector.
 */
function recordedStripe(): RecordedStripe {
  if (!cache.__stripe) {
    const client = createStripeClient(config.stripe);
    const requests = recordStripeRequests(client, {
      prisma: db(),
      noResponseAfterMs: config.stripe.timeoutMs + 1_000,
    });
    cache.__stripe = { client, requests };
  }
  return cache.__stripe;
}

/**
 * An explanation is one local call: one that takes longer than this, on a machine too busy to
 * answer, is skipped and the evaluation is saved without its factors.
 */
const EXPLAIN_TIMEOUT_MS = 1_000;

const explain = config.emulator.controlToken
  ? emulatorExplainer({
      baseUrl: `http://127.0.0.1:${config.emulator.port}`,
      controlToken: config.emulator.controlToken,
      timeoutMs: EXPLAIN_TIMEOUT_MS,
    })
  : null;

/**
 * Next.js runs `after` work once the response is sent. Outside a request (the demo history
 * seeded at start-up) there is no response to wait for, and Next.js refuses: it runs at once.
 */
function afterResponse(work: () => Promise<void>): Promise<void> {
  try {
    after(work);
    return Promise.resolve();
  } catch {
    return work();
  }
}

/**
 * The server's services: its database, its Stripe client (with its request inspector) and the
 * configured limits.
 */
export function services(): Services {
  const stripe = recordedStripe();
  return {
    prisma: db(),
    stripe: stripe.client,
    radar: createAccountAbuseApi(stripe.client, config.radar, config.stripe.timeoutMs),
    policy: config.policy,
    paymentTimeoutMs: config.stripe.paymentTimeoutMs,
    loginThrottle: config.loginThrottle,
    registrationLimit: config.registrationLimit,
    explain,
    afterResponse,
    stripeRequests: stripe.requests,
  };
}
