import { resolve } from "node:path";
import { z } from "zod";
import type { RateLimit } from "@/lib/auth/rate-limit";
import type { RadarApi } from "@/lib/radar/account-abuse";
import {
  CUSTOMER_EVALUATIONS_VERSION,
  STRIPE_VERSION_PATTERN,
} from "@/lib/radar/customer-evaluations";
import { DEFAULT_POLICY, type RadarPolicy } from "@/lib/radar/policy";

const MINUTE_MS = 60 * 1000;

/**
 * Stripe's libraries wait 80 s by default, and an issuer or a 3D Secure decision can take tens of
 * seconds; a payment that times out may still succeed, so its time-out is long.
 */
const PAYMENT_TIMEOUT_MS = 30_000;

/**
 * The keys the app sends to the local emulator, which accepts any well-formed test key. Its
 * webhook secret and control token are not constants: the emulator generates them per data
 * directory, and `npm start` passes them to the server (lib/startup/server-environment.ts).
 */
export const EMULATOR_KEYS = {
  secretKey: "sk_test_emulator",
  publishableKey: "pk_test_emulator",
} as const;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const variables = z.object({
  DATABASE_URL: optional(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, "expected a postgresql://user@host:port/database URL"),
  ),
  DATA_DIR: optional(z.string().min(1)),
  STRIPE_SECRET_KEY: optional(
    z
      .string()
      .regex(
        /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/,
        "expected a Stripe secret key (sk_test_... or rk_test_...)",
      ),
  ),
  STRIPE_PUBLISHABLE_KEY: optional(
    z
      .string()
      .regex(/^pk_(test|live)_[A-Za-z0-9_]+$/, "expected a Stripe publishable key (pk_test_...)"),
  ),
  STRIPE_WEBHOOK_SECRET: optional(
    z.string().regex(/^whsec_[A-Za-z0-9_]+$/, "expected a webhook signing secret (whsec_...)"),
  ),
  STRIPE_THIN_WEBHOOK_SECRET: optional(
    z.string().regex(/^whsec_[A-Za-z0-9_]+$/, "expected a webhook signing secret (whsec_...)"),
  ),
  STRIPE_EMULATOR_PORT: optional(z.coerce.number().int().min(1).max(65_535)),
  STRIPE_EMULATOR_CONTROL_TOKEN: optional(
    z
      .string()
      .regex(/^emutok_[A-Za-z0-9_]+$/, "expected the emulator's control token (emutok_...)"),
  ),
  STRIPE_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(60_000)),
  STRIPE_PAYMENT_TIMEOUT_MS: optional(z.coerce.number().int().min(1_000).max(120_000)),
  RADAR_API: optional(z.enum(["v1", "v2"], { error: 'expected "v1" or "v2"' })),
  RADAR_CUSTOMER_EVALUATIONS_VERSION: optional(
    z
      .string()
      .regex(STRIPE_VERSION_PATTERN, "expected a Stripe preview version, like 2026-03-04.preview"),
  ),
  RADAR_UNREADABLE_DECISION: optional(
    z.enum(["allow", "review", "block"], { error: 'expected "allow", "review" or "block"' }),
  ),
  PORT: optional(z.coerce.number().int().min(1).max(65_535)),
  TRUSTED_PROXY_HOPS: optional(
    z.coerce
      .number()
      .int("expected a whole number of proxies in front of the app, 0 when there is none")
      .min(0, "expected a whole number of proxies in front of the app, 0 when there is none"),
  ),
  APP_HOST: optional(
    z
      .string()
      .regex(/^[A-Za-z0-9.:-]+$/, "expected an address to listen on, like 127.0.0.1 or 0.0.0.0"),
  ),
  APP_URL: optional(
    z.url({
      protocol: /^https?$/,
      error: "expected the app's public URL, like https://shop.example.com",
    }),
  ),
  RADAR_V2_WAIT_MS: optional(
    z.coerce
      .number()
      .int("expected milliseconds, a whole number")
      .min(0, "expected milliseconds, 0 to 30000")
      .max(30_000, "expected milliseconds, 0 to 30000"),
  ),
  RADAR_REVIEW_SCORE: optional(z.coerce.number().min(0).max(100)),
  RADAR_BLOCK_SCORE: optional(z.coerce.number().min(0).max(101)),
  LOGIN_MAX_FAILURES_PER_EMAIL: optional(z.coerce.number().int().min(1)),
  LOGIN_MAX_FAILURES_PER_IP: optional(z.coerce.number().int().min(1)),
  REGISTRATION_MAX_PER_IP: optional(z.coerce.number().int().min(1)),
  REGISTRATION_MAX_PER_DEVICE: optional(z.coerce.number().int().min(1)),
  DEMO_HISTORY: optional(z.enum(["on", "off"], { error: 'expected "on" or "off"' })),
  // Operators are granted on the command line: a deployment that still lists them here would
  // believe they are operators, and that anyone registering one of these emails is not.
  OPERATOR_EMAILS: optional(
    z.never({
      error: "is no longer read: grant operators with npm run operator -- grant <email>",
    }),
  ),
});

export type DatabaseConfig =
  | { kind: "embedded"; directory: string }
  | { kind: "postgres"; url: string };

export type StripeConfig = {
  mode: "emulator" | "stripe";
  secretKey: string;
  publishableKey: string;
  webhookSecret: string | undefined;
  /**
   * The secret of the event destination that sends thin events (v2), when it is not
   * `webhookSecret`: Stripe signs each destination with its own.
   */
  thinWebhookSecret?: string | undefined;
  /** Where the stripe package sends requests; unset for api.stripe.com. */
  apiHost: { host: string; port: number; protocol: "http" } | undefined;
  /** Time-out of evaluations and every other call but the payment's. */
  timeoutMs: number;
  /** Time-out of creating and confirming a PaymentIntent, which waits on the card's issuer. */
  paymentTimeoutMs: number;
};

/** Which generation of Radar's account-abuse API the app calls, and with which version. */
export type RadarConfig = {
  api: RadarApi;
  /** The Stripe-Version of v1 Customer Evaluations. */
  customerEvaluationsVersion: string;
  /** v2: how long a sign-up or log-in waits for its Account Evaluation to complete. */
  completionWaitMs: number;
};

/** Failed log-ins allowed per email and per client IP. */
export type LoginThrottleConfig = { perEmail: RateLimit; perIp: RateLimit };

/** Registrations allowed per client IP and per device (a first-party cookie). */
export type RegistrationLimitConfig = { perIp: RateLimit; perDevice: RateLimit };

export type AppConfig = {
  dataDirectory: string;
  appPort: number;
  /** How many proxies of ours stand in front of the app (see lib/http/client-ip.ts). */
  trustedProxyHops: number;
  /** The address the server listens on; unset listens on every interface (Next's default). */
  appHost: string | undefined;
  /** The public URL browsers use, when it is known; an https URL turns on HSTS. */
  appUrl: string | undefined;
  policy: RadarPolicy;
  radar: RadarConfig;
  loginThrottle: LoginThrottleConfig;
  registrationLimit: RegistrationLimitConfig;
  database: DatabaseConfig;
  stripe: StripeConfig;
  /** Whether a first start with the emulator seeds the demo history (DEMO_HISTORY, on). */
  demoHistory: boolean;
  /**
   * Demo mode shows the presenter what a customer never sees (the reasons behind each Radar
   * decision): on with the emulator, and on a development server.
   */
  demoMode: boolean;
  emulator: {
    port: number;
    dataDirectory: string;
    /**
     * The control API's token (STRIPE_EMULATOR_CONTROL_TOKEN, which `npm start` reads from the
     * emulator's data directory); unset in Stripe mode.
     */
    controlToken: string | undefined;
  };
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads and validates every variable the app uses. Throws one ConfigError that names each bad
 * variable and says what is expected, so a misconfigured server stops before it serves.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = variables.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".")}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid environment configuration:\n${problems.join("\n")}`);
  }
  const vars = parsed.data;
  const policy: RadarPolicy = {
    reviewAtScore: vars.RADAR_REVIEW_SCORE ?? DEFAULT_POLICY.reviewAtScore,
    blockAtScore: vars.RADAR_BLOCK_SCORE ?? DEFAULT_POLICY.blockAtScore,
    unreadableResponse: vars.RADAR_UNREADABLE_DECISION ?? DEFAULT_POLICY.unreadableResponse,
  };
  if (policy.reviewAtScore > policy.blockAtScore) {
    throw new ConfigError(
      `Invalid environment configuration:\n  RADAR_REVIEW_SCORE: must not be above RADAR_BLOCK_SCORE (${policy.reviewAtScore} > ${policy.blockAtScore})`,
    );
  }
  const dataDirectory = resolve(/*turbopackIgnore: true*/ vars.DATA_DIR ?? ".data");
  const emulator: AppConfig["emulator"] = {
    port: vars.STRIPE_EMULATOR_PORT ?? 12111,
    dataDirectory: resolve(dataDirectory, "emulator"),
    controlToken: undefined,
  };
  const timeoutMs = vars.STRIPE_TIMEOUT_MS ?? 2000;
  const paymentTimeoutMs = vars.STRIPE_PAYMENT_TIMEOUT_MS ?? PAYMENT_TIMEOUT_MS;

  let stripe: StripeConfig;
  if (vars.STRIPE_SECRET_KEY) {
    if (!vars.STRIPE_PUBLISHABLE_KEY) {
      throw new ConfigError(
        "Invalid environment configuration:\n  STRIPE_PUBLISHABLE_KEY: required when STRIPE_SECRET_KEY is set (pk_test_... from the same Stripe account)",
      );
    }
    const secretMode = vars.STRIPE_SECRET_KEY.includes("_live_") ? "live" : "test";
    const publishableMode = vars.STRIPE_PUBLISHABLE_KEY.includes("_live_") ? "live" : "test";
    if (secretMode !== publishableMode) {
      throw new ConfigError(
        `Invalid environment configuration:\n  STRIPE_PUBLISHABLE_KEY: is a ${publishableMode} key but STRIPE_SECRET_KEY is a ${secretMode} key`,
      );
    }
    stripe = {
      mode: "stripe",
      secretKey: vars.STRIPE_SECRET_KEY,
      publishableKey: vars.STRIPE_PUBLISHABLE_KEY,
      webhookSecret: vars.STRIPE_WEBHOOK_SECRET,
      thinWebhookSecret: vars.STRIPE_THIN_WEBHOOK_SECRET,
      apiHost: undefined,
      timeoutMs,
      paymentTimeoutMs,
    };
  } else {
    emulator.controlToken = vars.STRIPE_EMULATOR_CONTROL_TOKEN;
    stripe = {
      mode: "emulator",
      secretKey: EMULATOR_KEYS.secretKey,
      publishableKey: EMULATOR_KEYS.publishableKey,
      webhookSecret: vars.STRIPE_WEBHOOK_SECRET,
      thinWebhookSecret: vars.STRIPE_THIN_WEBHOOK_SECRET,
      apiHost: { host: "127.0.0.1", port: emulator.port, protocol: "http" },
      timeoutMs,
      paymentTimeoutMs,
    };
  }

  return {
    dataDirectory,
    appPort: vars.PORT ?? 3000,
    trustedProxyHops: vars.TRUSTED_PROXY_HOPS ?? 0,
    // The emulator accepts any test key and its Stripe.js only loads on local pages: keep the
    // app on loopback unless APP_HOST says otherwise.
    appHost: vars.APP_HOST ?? (stripe.mode === "emulator" ? "127.0.0.1" : undefined),
    appUrl: vars.APP_URL,
    policy,
    radar: {
      api: vars.RADAR_API ?? "v1",
      customerEvaluationsVersion:
        vars.RADAR_CUSTOMER_EVALUATIONS_VERSION ?? CUSTOMER_EVALUATIONS_VERSION,
      completionWaitMs: vars.RADAR_V2_WAIT_MS ?? 2_000,
    },
    loginThrottle: {
      perEmail: { max: vars.LOGIN_MAX_FAILURES_PER_EMAIL ?? 5, windowMs: 15 * MINUTE_MS },
      perIp: { max: vars.LOGIN_MAX_FAILURES_PER_IP ?? 20, windowMs: 15 * MINUTE_MS },
    },
    registrationLimit: {
      perIp: { max: vars.REGISTRATION_MAX_PER_IP ?? 20, windowMs: 60 * MINUTE_MS },
      perDevice: { max: vars.REGISTRATION_MAX_PER_DEVICE ?? 5, windowMs: 60 * MINUTE_MS },
    },
    database: vars.DATABASE_URL
      ? { kind: "postgres", url: vars.DATABASE_URL }
      : { kind: "embedded", directory: resolve(dataDirectory, "pglite") },
    stripe,
    demoHistory: vars.DEMO_HISTORY !== "off",
    demoMode: stripe.mode === "emulator" || source.NODE_ENV === "development",
    emulator,
  };
}
