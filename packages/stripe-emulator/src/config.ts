import { resolve } from "node:path";

export interface EmulatorConfig {
  port: number;
  dataDir: string;
  /** fdatasync every journal batch: survives power loss, not only a process crash. */
  fsync: boolean;
  riskWindowSeconds: number;
  /**
   * The app's endpoint; its secret defaults to the data dir's (see local-secrets.ts). It
   * receives the event types listed (STRIPE_EMULATOR_WEBHOOK_EVENTS), every type when none are.
   */
  webhook: { url: string; secret?: string | undefined; events?: string[] } | null;
  /**
   * Origins whose pages may call the control API. The app's origin is added from the webhook
   * URL (as localhost, 127.0.0.1 and [::1] when it is a loopback address).
   */
  allowedOrigins: string[];
  webhookRetryDelaysMs: number[];
  webhookTimeoutMs: number;
  requestLogSize: number;
  /**
   * The account may send card numbers with a secret key (Stripe's raw card data APIs); off, as
   * on a new Stripe account.
   */
  rawCardData: boolean;
  /**
   * How long an Account Evaluation stays pending before it completes (ms); null: never
   * (STRIPE_EMULATOR_SIGNALS_DELAY_MS=never), to see a caller's time-out.
   */
  signalsDelayMs: number | null;
}

function number(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0)
    throw new Error(`${name} must be a non-negative number, got '${value}'`);
  return parsed;
}

/** A comma-separated list, or `fallback` when it names nothing. */
function list(value: string | undefined, fallback: string[]): string[] {
  const items = (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : fallback;
}

const flag = (value: string | undefined): boolean => value === "1" || value === "true";

export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS = [
  5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000,
];

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): EmulatorConfig {
  const webhookUrl = env.STRIPE_EMULATOR_WEBHOOK_URL;
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET;
  if (webhookSecret && !webhookSecret.startsWith("whsec_")) {
    throw new Error("STRIPE_WEBHOOK_SECRET must start with whsec_");
  }
  const delays = env.STRIPE_EMULATOR_WEBHOOK_RETRY_DELAYS_MS;
  return {
    port: number(env.STRIPE_EMULATOR_PORT, 12111, "STRIPE_EMULATOR_PORT"),
    dataDir: resolve(env.STRIPE_EMULATOR_DATA_DIR || ".data/emulator"),
    fsync: flag(env.STRIPE_EMULATOR_FSYNC),
    riskWindowSeconds: Math.round(
      number(env.STRIPE_EMULATOR_RISK_WINDOW_HOURS, 24, "STRIPE_EMULATOR_RISK_WINDOW_HOURS") * 3600,
    ),
    webhook: webhookUrl
      ? {
          url: webhookUrl,
          secret: webhookSecret || undefined,
          events: list(env.STRIPE_EMULATOR_WEBHOOK_EVENTS, ["*"]),
        }
      : null,
    allowedOrigins: (env.STRIPE_EMULATOR_ALLOWED_ORIGINS ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean)
      .map((origin) => {
        try {
          return new URL(origin).origin;
        } catch {
          throw new Error(
            `STRIPE_EMULATOR_ALLOWED_ORIGINS must list origins like http://localhost:3000, got '${origin}'`,
          );
        }
      }),
    webhookRetryDelaysMs: delays
      ? delays
          .split(",")
          .map((part) => number(part.trim(), 0, "STRIPE_EMULATOR_WEBHOOK_RETRY_DELAYS_MS"))
      : DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
    webhookTimeoutMs: number(
      env.STRIPE_EMULATOR_WEBHOOK_TIMEOUT_MS,
      10_000,
      "STRIPE_EMULATOR_WEBHOOK_TIMEOUT_MS",
    ),
    requestLogSize: number(
      env.STRIPE_EMULATOR_REQUEST_LOG_SIZE,
      500,
      "STRIPE_EMULATOR_REQUEST_LOG_SIZE",
    ),
    rawCardData: flag(env.STRIPE_EMULATOR_RAW_CARD_DATA),
    signalsDelayMs:
      env.STRIPE_EMULATOR_SIGNALS_DELAY_MS === "never"
        ? null
        : number(env.STRIPE_EMULATOR_SIGNALS_DELAY_MS, 100, "STRIPE_EMULATOR_SIGNALS_DELAY_MS"),
  };
}
