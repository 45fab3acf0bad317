import { resolve } from "node:path";
import { z } from "zod";
import { readOrCreateLocalSecrets } from "@/emulator/local-secrets";
import { type PolicyThresholds, STRIPE_BANDS } from "@/lib/radar/policy";

/**
 * Keys the app uses against the local emulator, which accepts any well-formed test key. Its
 * webhook secret and control token are not constants: they are generated per data directory.
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
  STRIPE_EMULATOR_PORT: optional(z.coerce.number().int().min(1).max(65_535)),
  STRIPE_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(60_000)),
  PORT: optional(z.coerce.number().int().min(1).max(65_535)),
  RADAR_REVIEW_SCORE: optional(z.coerce.number().min(0).max(100)),
  RADAR_BLOCK_SCORE: optional(z.coerce.number().min(0).max(101)),
  LOGIN_MAX_FAILURES_PER_EMAIL: optional(z.coerce.number().int().min(1)),
  LOGIN_MAX_FAILURES_PER_IP: optional(z.coerce.number().int().min(1)),
});

export type DatabaseConfig =
  | { kind: "embedded"; directory: string }
  | { kind: "postgres"; url: string };

export type StripeConfig = {
  mode: "emulator" | "stripe";
  secretKey: string;
  publishableKey: string;
  webhookSecret: string | undefined;
  /** Where the stripe package sends requests; unset for api.stripe.com. */
  apiHost: { host: string; port: number; protocol: "http" } | undefined;
  timeoutMs: number;
};

export type LoginThrottleConfig = {
  maxFailuresPerEmail: number;
  maxFailuresPerIp: number;
  windowMs: number;
};

export type AppConfig = {
  dataDirectory: string;
  appPort: number;
  policy: PolicyThresholds;
  loginThrottle: LoginThrottleConfig;
  database: DatabaseConfig;
  stripe: StripeConfig;
  emulator: {
    port: number;
    dataDirectory: string;
    /** The control API's token, from the emulator's data directory; unset in Stripe mode. */
    controlToken: string | undefined;
  };
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** The emulator's generated secrets, shared with it through its data directory. */
function emulatorSecrets(directory: string) {
  try {
    return readOrCreateLocalSecrets(directory);
  } catch (error) {
    throw new ConfigError(
      `Cannot read the Stripe emulator's secrets (DATA_DIR): ${error instanceof Error ? error.message : error}`,
    );
  }
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
  const policy = {
    reviewAtScore: vars.RADAR_REVIEW_SCORE ?? STRIPE_BANDS.reviewAtScore,
    blockAtScore: vars.RADAR_BLOCK_SCORE ?? STRIPE_BANDS.blockAtScore,
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
      apiHost: undefined,
      timeoutMs,
    };
  } else {
    const secrets = emulatorSecrets(emulator.dataDirectory);
    emulator.controlToken = secrets.controlToken;
    stripe = {
      mode: "emulator",
      secretKey: EMULATOR_KEYS.secretKey,
      publishableKey: EMULATOR_KEYS.publishableKey,
      webhookSecret: vars.STRIPE_WEBHOOK_SECRET ?? secrets.webhookSecret,
      apiHost: { host: "127.0.0.1", port: emulator.port, protocol: "http" },
      timeoutMs,
    };
  }

  return {
    dataDirectory,
    appPort: vars.PORT ?? 3000,
    policy,
    loginThrottle: {
      maxFailuresPerEmail: vars.LOGIN_MAX_FAILURES_PER_EMAIL ?? 5,
      maxFailuresPerIp: vars.LOGIN_MAX_FAILURES_PER_IP ?? 20,
      windowMs: 15 * 60 * 1000,
    },
    database: vars.DATABASE_URL
      ? { kind: "postgres", url: vars.DATABASE_URL }
      : { kind: "embedded", directory: resolve(dataDirectory, "pglite") },
    stripe,
    emulator,
  };
}
