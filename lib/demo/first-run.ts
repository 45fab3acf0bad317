import type { AppConfig } from "@/lib/config/load-config";
import { demoEmulator } from "@/lib/demo/emulator";
import { seedHistoryIfEmpty } from "@/lib/demo/reset-demo";
import type { Services } from "@/lib/services/services";

/**
 * With the emulator, a first start (no user, no evaluation) gets the demo history, written in the
 * background so that the server serves at once; it is complete a few seconds later. Never with
 * Stripe keys: that history would go into a real Stripe account. DEMO_HISTORY=off leaves the
 * database empty (the benchmark counts every row it finds).
 */
export function seedFirstRunHistory(config: AppConfig, services: Services): void {
  if (!config.demoHistory) return;
  const emulator = demoEmulator(config);
  if (!emulator) return;
  seedHistoryIfEmpty(services, emulator).then(
    (summary) => {
      if (!summary) return;
      console.log(
        `Demo history: ${summary.users} users, ${summary.blockedSignUps} blocked sign-ups, ${summary.logIns} log-ins and ${summary.orders} orders seeded in ${(summary.milliseconds / 1000).toFixed(1)} s`,
      );
    },
    (error) => console.error("Seeding the demo history failed:", error),
  );
}
