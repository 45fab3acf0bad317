/**
 * `npm run db:seed`: starts the demo over, as the Reset button on /demo does: clears the app's
 * data and the emulator's state together and seeds a few weeks of history through the app's
 * flows. Emulator mode only; with the embedded database, stop the server first (one process at
 * a time may open it) or use the button.
 */
import { loadEnvFiles } from "@/lib/config/env-files";
import { createAdapterFactory } from "@/lib/db/adapter-factory";
import { applyPendingMigrations } from "@/lib/db/migrations";
import { demoEmulator } from "@/lib/demo/emulator";
import { resetDemo } from "@/lib/demo/reset-demo";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAccountAbuseApi } from "@/lib/radar/create-account-abuse-api";
import { emulatorExplainer } from "@/lib/radar/score-explanation";
import { runAtOnce } from "@/lib/services/services";
import { ensureEmulator } from "@/lib/startup/emulator-process";
import { serverEnvironment } from "@/lib/startup/server-environment";
import { createStripeClient } from "@/lib/stripe/create-client";
import { runDatabaseScript } from "./run-database-script";

loadEnvFiles();
const { config } = serverEnvironment(process.env);
const { database } = config;
await runDatabaseScript(database, async () => {
  if (config.stripe.mode === "emulator") {
    await applyPendingMigrations(database);
    await ensureEmulator(config);
  }
  const prisma = new PrismaClient({ adapter: createAdapterFactory(database) });
  const stripe = createStripeClient(config.stripe);
  const result = await resetDemo(
    {
      prisma,
      stripe,
      radar: createAccountAbuseApi(stripe, config.radar, config.stripe.timeoutMs),
      policy: config.policy,
      paymentTimeoutMs: config.stripe.paymentTimeoutMs,
      loginThrottle: config.loginThrottle,
      registrationLimit: config.registrationLimit,
      explain: config.emulator.controlToken
        ? emulatorExplainer({
            baseUrl: `http://127.0.0.1:${config.emulator.port}`,
            controlToken: config.emulator.controlToken,
            timeoutMs: 2_000,
          })
        : null,
      afterResponse: runAtOnce,
      stripeRequests: null,
    },
    config.stripe.mode,
    demoEmulator(config),
  );
  if (result.kind === "refused") throw new Error(result.message);
  const { summary } = result;
  console.log(
    `Seeded ${summary.users} users, ${summary.blockedSignUps} blocked sign-ups, ${summary.logIns} log-ins and ${summary.orders} orders in ${(summary.milliseconds / 1000).toFixed(1)} s.`,
  );
  await prisma.$disconnect();
});
