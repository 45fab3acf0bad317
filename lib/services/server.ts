import "server-only";
import { after } from "next/server";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { createAccountAbuseApi } from "@/lib/radar/create-account-abuse-api";
import { emulatorExplainer } from "@/lib/radar/score-explanation";
import type { Services } from "@/lib/services/services";
import { stripe, stripeRequestLog } from "@/lib/stripe/server";

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

/** The server's services: its database, its Stripe client and the configured limits. */
export function services(): Services {
  return {
    prisma: db(),
    stripe: stripe(),
    radar: createAccountAbuseApi(stripe(), config.radar, config.stripe.timeoutMs),
    policy: config.policy,
    paymentTimeoutMs: config.stripe.paymentTimeoutMs,
    loginThrottle: config.loginThrottle,
    registrationLimit: config.registrationLimit,
    explain,
    afterResponse,
    stripeRequests: stripeRequestLog(),
  };
}
