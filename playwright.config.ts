import { existsSync, rmSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 12112);

/** Debian's Chromium when configured or present; Playwright's own browser otherwise. */
function chromiumExecutable(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return configured;
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
}

const executablePath = chromiumExecutable();

const E2E_DATA_DIR = ".data/e2e";
// The config is evaluated first in the runner process (before the web server starts) and again in
// each worker; only the runner clears the previous run's database and emulator state.
if (!process.env.TEST_WORKER_INDEX) rmSync(E2E_DATA_DIR, { recursive: true, force: true });

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
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: executablePath
          ? {
              executablePath,
              args: [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
              ],
            }
          : {},
      },
    },
  ],
  webServer: process.env.PW_NO_WEBSERVER
    ? undefined
    : {
        // As people start it: built first unless the build is current.
        command: "npm start",
        url: `http://127.0.0.1:${APP_PORT}/api/health`,
        timeout: 240_000,
        reuseExistingServer: false,
        env: {
          PORT: String(APP_PORT),
          STRIPE_EMULATOR_PORT: String(EMULATOR_PORT),
          DATA_DIR: E2E_DATA_DIR,
          NEXT_TELEMETRY_DISABLED: "1",
          // Every spec registers from 127.0.0.1; the limit itself is tested against the database.
          REGISTRATION_MAX_PER_IP: "1000",
        },
      },
});
