import { type EmulatorApi, emulatorApi } from "stripe-emulator";
import type { AppConfig } from "@/lib/config/load-config";

/** The app's emulator, with its control token; null with Stripe keys, where there is none. */
export function demoEmulator(config: Pick<AppConfig, "stripe" | "emulator">): EmulatorApi | null {
  const token = config.emulator.controlToken;
  if (config.stripe.mode !== "emulator" || !token) return null;
  return emulatorApi(`http://127.0.0.1:${config.emulator.port}`, token);
}
