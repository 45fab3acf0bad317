import { randomUUID } from "node:crypto";
import type { EmulatorApi } from "stripe-emulator";
import { type RegistrationOrigin, registerUser } from "@/lib/accounts/register";
import { EMULATOR_KEYS, loadConfig } from "@/lib/config/load-config";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createAccountAbuseApi } from "@/lib/radar/create-account-abuse-api";
import { emulatorExplainer } from "@/lib/radar/score-explanation";
import { runAtOnce, type Services } from "@/lib/services/services";
import { createStripeClient } from "@/lib/stripe/create-client";

export type TestEmulatorAddress = { port: number; webhookSecret: string; controlToken?: string };

/**
 * The app's services wired to a client on a migrated test database and the emulator a test
 * helper started, configured as the app configures them.
 */
export function createTestServices(
  prisma: PrismaClient,
  emulator: TestEmulatorAddress,
  timeoutMs = 2_000,
  /** Variables as the server reads them (RADAR_API, RADAR_CUSTOMER_EVALUATIONS_VERSION, ...). */
  environment: Record<string, string | undefined> = {},
): Services {
  const defaults = loadConfig(environment);
  const stripe = createStripeClient({
    mode: "emulator",
    secretKey: EMULATOR_KEYS.secretKey,
    publishableKey: EMULATOR_KEYS.publishableKey,
    webhookSecret: emulator.webhookSecret,
    apiHost: { host: "127.0.0.1", port: emulator.port, protocol: "http" },
    timeoutMs,
  });
  return {
    prisma,
    stripe,
    radar: createAccountAbuseApi(stripe, defaults.radar, timeoutMs),
    policy: defaults.policy,
    paymentTimeoutMs: defaults.stripe.paymentTimeoutMs,
    loginThrottle: defaults.loginThrottle,
    registrationLimit: defaults.registrationLimit,
    afterResponse: runAtOnce,
    stripeRequests: null,
    explain: emulator.controlToken
      ? emulatorExplainer({
          baseUrl: `http://127.0.0.1:${emulator.port}`,
          controlToken: emulator.controlToken,
          timeoutMs,
        })
      : null,
  };
}

/** A registration from a client and device of its own, so the rate limits stay out of the way. */
export function newRegistrationOrigin(): RegistrationOrigin {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return { clientIp: `10.${octet()}.${octet()}.${octet()}`, deviceId: randomUUID() };
}

/** A registration from a client of its own, with a Radar Session from `deviceId`'s browser. */
export async function registerTestAccount(
  services: Services,
  emulator: { api: EmulatorApi },
  deviceId: string = randomUUID(),
) {
  return registerUser(
    services,
    {
      name: "Jenny Rosen",
      email: `user.${randomUUID().slice(0, 8)}@example.com`,
      password: "correct horse battery",
      radar_session: await emulator.api.createRadarSession({ deviceId }),
    },
    newRegistrationOrigin(),
  );
}
