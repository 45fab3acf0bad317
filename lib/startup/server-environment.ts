import { readOrCreateLocalSecrets } from "stripe-emulator";
import { type AppConfig, ConfigError, loadConfig } from "@/lib/config/load-config";

/**
 * The environment a server or script runs in, and its configuration. Without Stripe keys it adds
 * the local emulator's secrets, read from its data directory (DATA_DIR/emulator) or created there
 * on first use: STRIPE_WEBHOOK_SECRET, unless set, and STRIPE_EMULATOR_CONTROL_TOKEN. The emulator
 * reads the same file, so it signs webhooks with the secret the app verifies them with. Throws a
 * ConfigError naming what is wrong.
 */
export function serverEnvironment<Environment extends Record<string, string | undefined>>(
  source: Environment,
): { environment: Environment; config: AppConfig } {
  const config = loadConfig(source);
  if (config.stripe.mode !== "emulator") return { environment: source, config };
  const secrets = emulatorSecrets(config.emulator.dataDirectory);
  const environment = {
    ...source,
    STRIPE_WEBHOOK_SECRET: source.STRIPE_WEBHOOK_SECRET || secrets.webhookSecret,
    STRIPE_EMULATOR_CONTROL_TOKEN: secrets.controlToken,
  };
  return { environment, config: loadConfig(environment) };
}

function emulatorSecrets(directory: string) {
  try {
    return readOrCreateLocalSecrets(directory);
  } catch (error) {
    throw new ConfigError(
      `Cannot read the Stripe emulator's secrets (DATA_DIR): ${error instanceof Error ? error.message : error}`,
    );
  }
}
