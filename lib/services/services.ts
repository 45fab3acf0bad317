import type Stripe from "stripe";
import type { LoginThrottleConfig, RegistrationLimitConfig } from "@/lib/config/load-config";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AccountAbuseApi } from "@/lib/radar/account-abuse";
import type { RadarPolicy } from "@/lib/radar/policy";
import type { ExplainScore } from "@/lib/radar/score-explanation";
import type { RequestLog } from "@/lib/stripe/request-log";

/**
 * What the flows need, passed in so tests can run them against any database and API. The server
 * builds it with `services()` (lib/services/server.ts), tests with `setUpTestServices`
 * (lib/testing/set-up-test-database.ts).
 */
export type Services = {
  prisma: PrismaClient;
  stripe: Stripe;
  /** Radar's account-abuse API, in the generation `RADAR_API` names. */
  radar: AccountAbuseApi;
  policy: RadarPolicy;
  /** Time-out of PaymentIntent creation and confirmation (the client's own is the short one). */
  paymentTimeoutMs: number;
  loginThrottle: LoginThrottleConfig;
  registrationLimit: RegistrationLimitConfig;
  /** The emulator's reasons for each score; null against Stripe, which gives none. */
  explain: ExplainScore | null;
  /**
   * Runs work the person need not wait for (sending an outcome report) after the response is
   * sent; the promise settles when the person's part is done. Tests run the work at once.
   */
  afterResponse(work: () => Promise<void>): Promise<void>;
  /** Where the Stripe client's calls are recorded for the request inspector; null where they are not. */
  stripeRequests: RequestLog | null;
};

/** `afterResponse` where there is no response to wait for (tests, scripts): the work runs at once. */
export const runAtOnce: Services["afterResponse"] = (work) => work();
