import type { AppConfig } from "@/lib/config/load-config";

/**
 * Demo mode shows the presenter what a customer never sees (the reasons behind each Radar
 * decision): on with the emulator, and on a development server. Callers pass the server's
 * `config` (lib/config).
 */
export function isDemoMode(
  config: Pick<AppConfig, "stripe">,
  nodeEnv: string | undefined = process.env.NODE_ENV,
): boolean {
  return config.stripe.mode === "emulator" || nodeEnv === "development";
}
