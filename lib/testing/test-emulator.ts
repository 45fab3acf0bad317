import {
  type EmulatorApi,
  emulatorApi,
  type StartedEmulator,
  startEmulator,
} from "stripe-emulator";
import { afterAll, afterEach, beforeAll } from "vitest";

/**
 * Starts an emulator for the test file and clears injected faults after each test. Its API and
 * port are getters: the emulator exists once `beforeAll` has run.
 */
export function setUpTestEmulator() {
  let started: StartedEmulator | undefined;
  let api: EmulatorApi | undefined;
  beforeAll(async () => {
    // A log long enough for a test's calls, which checkStripeContract reads after each test.
    started = await startEmulator({ env: { STRIPE_EMULATOR_REQUEST_LOG_SIZE: "5000" } });
    api = emulatorApi(started.url, started.controlToken);
  });
  afterAll(async () => started?.stop());
  afterEach(async () => api?.clearFaults());
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("The emulator starts in beforeAll");
    return value;
  };
  return {
    get api(): EmulatorApi {
      return ready(api);
    },
    get port(): number {
      return ready(started).port;
    },
    get webhookSecret(): string {
      return ready(started).webhookSecret;
    },
    get url(): string {
      return ready(started).url;
    },
    get controlToken(): string {
      return ready(started).controlToken;
    },
  };
}
