import { rmSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_FLAGS, chromiumExecutable } from "./e2e/support/chromium";

const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 12112);
/** A second server on the same build with RADAR_API=v2, each with its own emulator and data. */
const V2_APP_PORT = Number(process.env.E2E_V2_APP_PORT ?? APP_PORT + 1);
const V2_EMULATOR_PORT = Number(process.env.E2E_V2_EMULATOR_PORT ?? EMULATOR_PORT + 1);

const executablePath = chromiumExecutable();

const E2E_DATA_DIR = ".data/e2e";
const E2E_V2_DATA_DIR = ".data/e2e-v2";
// The config is evaluated first in the runner process (before the web servers start) and again in
// each worker; only the runner clears the previous run's databases and emulator state.
if (!process.env.TEST_WORKER_INDEX) {
  for (const directory of [E2E_DATA_DIR, E2E_V2_DATA_DIR]) {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** What the specs read of the server a project runs against (e2e/support/app.ts). */
export type RadarProjectMetadata = {
  radarApi: "v1" | "v2";
  emulatorPort: number;
  dataDirectory: string;
};

/** The two servers the browser tests run against, one per Radar API generation. */
export const RADAR_SERVERS = {
  v1: { radarApi: "v1", emulatorPort: EMULATOR_PORT, dataDirectory: E2E_DATA_DIR },
  v2: { radarApi: "v2", emulatorPort: V2_EMULATOR_PORT, dataDirectory: E2E_V2_DATA_DIR },
} as const satisfies Record<string, RadarProjectMetadata>;

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: executablePath ? { executablePath, args: CHROMIUM_FLAGS } : {},
};

/** The variables both servers share. */
const serverEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  // Every spec registers from 127.0.0.1; the limit itself is tested against the database.
  REGISTRATION_MAX_PER_IP: "1000",
};

export default defineConfig({
  testDir: ".",
  testMatch: ["e2e/**/*.spec.ts", "packages/*/e2e/**/*.spec.ts"],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // Video needs Playwright's own ffmpeg build, which comes with its browsers, not Debian's.
    video: executablePath ? "off" : "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      testIgnore: ["e2e/radar-v2.spec.ts"],
      // After the browser tests, their Stripe calls are checked against Stripe's types.
      teardown: "stripe contract",
      metadata: RADAR_SERVERS.v1,
      use: chromium,
    },
    {
      // The sign-up, log-in, dashboard and demo stories again, with v2 Account Evaluations.
      name: "radar-v2",
      teardown: "stripe contract",
      testMatch: [
        "e2e/registration.spec.ts",
        "e2e/login.spec.ts",
        "e2e/demo.spec.ts",
        "e2e/radar-v2.spec.ts",
      ],
      metadata: RADAR_SERVERS.v2,
      use: { ...chromium, baseURL: `http://127.0.0.1:${V2_APP_PORT}` },
    },
    { name: "stripe contract", testMatch: "e2e/stripe-contract.teardown.ts" },
  ],
  // One build, two servers, each started as people start it: the second starts once the first
  // answers (Playwright starts them in order), so it finds the build current and reuses it.
  webServer: process.env.PW_NO_WEBSERVER
    ? undefined
    : [
        {
          // Built first unless the build is current.
          command: "npm start",
          url: `http://127.0.0.1:${APP_PORT}/api/health`,
          timeout: 240_000,
          reuseExistingServer: false,
          env: {
            ...serverEnv,
            PORT: String(APP_PORT),
            STRIPE_EMULATOR_PORT: String(EMULATOR_PORT),
            DATA_DIR: E2E_DATA_DIR,
          },
        },
        {
          command: "npm start",
          url: `http://127.0.0.1:${V2_APP_PORT}/api/health`,
          timeout: 120_000,
          reuseExistingServer: false,
          env: {
            ...serverEnv,
            PORT: String(V2_APP_PORT),
            STRIPE_EMULATOR_PORT: String(V2_EMULATOR_PORT),
            DATA_DIR: E2E_V2_DATA_DIR,
            RADAR_API: "v2",
          },
        },
      ],
});
