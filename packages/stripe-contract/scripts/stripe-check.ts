// npm run stripe:check: calls each Stripe endpoint the app uses once, with the app's
// configuration (Stripe keys, or the emulator), and prints which work.
import { ConfigError, loadConfig } from "@/lib/config/load-config";
import { formatStripeCheck, LiveKeyError, runStripeCheck } from "../src/stripe-check.ts";

try {
  const config = loadConfig();
  const target = config.stripe.apiHost
    ? `the emulator at ${config.stripe.apiHost.host}:${config.stripe.apiHost.port} (start it with npm run emulator)`
    : "api.stripe.com";
  console.log(`Checking the Stripe account of STRIPE_SECRET_KEY against ${target}\n`);
  const rows = await runStripeCheck({
    secretKey: config.stripe.secretKey,
    apiHost: config.stripe.apiHost,
    customerEvaluationsVersion: config.radar.customerEvaluationsVersion,
  });
  console.log(formatStripeCheck(rows));
  process.exitCode = rows.every((row) => row.result === "works") ? 0 : 1;
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof LiveKeyError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
