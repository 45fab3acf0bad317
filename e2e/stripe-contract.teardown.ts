import { resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { checkCalls, formatCoverage, readEmulatorLog } from "stripe-contract";
import { readOrCreateLocalSecrets } from "stripe-emulator";
import { RADAR_SERVERS } from "../playwright.config";

/**
 * Runs once the browser tests are done: every call the run made to each emulator (the app's, and
 * the stand-in Stripe.js's), as its request log holds them, must be a request Stripe's types
 * define, answered in the shape they declare. A demo reset empties the log, so the calls made
 * before the last reset are not in it.
 */
for (const { radarApi, emulatorPort, dataDirectory } of Object.values(RADAR_SERVERS)) {
  test(`every Stripe call of the browser tests on RADAR_API=${radarApi} is in Stripe's contract`, async () => {
    test.setTimeout(120_000);
    const calls = await readEmulatorLog(
      `http://127.0.0.1:${emulatorPort}`,
      readOrCreateLocalSecrets(resolve(dataDirectory, "emulator")).controlToken,
    );
    const coverage = checkCalls(calls);
    console.log(formatCoverage(coverage, `contract (browser tests, RADAR_API=${radarApi})`));
    expect(coverage.requests).toBeGreaterThan(0);
    expect(coverage.violations).toEqual([]);
  });
}
