import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config/load-config";
import { ensureEmulator, requireEmulatorSecrets } from "@/lib/startup/emulator-process";
import { serverEnvironment } from "@/lib/startup/server-environment";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";

const emulator = setUpTestEmulator();

/** The configuration of a checkout with a data directory of its own, on the test emulator's port. */
function checkoutOnTheEmulatorsPort() {
  return serverEnvironment({
    DATA_DIR: mkdtempSync(join(tmpdir(), "radar-checkout-")),
    STRIPE_EMULATOR_PORT: String(emulator.port),
    PORT: "3400",
  }).config;
}

describe("ensureEmulator", () => {
  it("refuses an emulator on its port that is another checkout's, naming the port and the fix", async () => {
    const config = checkoutOnTheEmulatorsPort();
    const customersBefore = await emulator.api.listAll("/v1/customers");
    const start = ensureEmulator(config);
    await expect(start).rejects.toThrow(
      `Port ${emulator.port} (STRIPE_EMULATOR_PORT) is taken by another Stripe emulator`,
    );
    await expect(start).rejects.toThrow(`STRIPE_EMULATOR_PORT=${emulator.port + 1}`);
    await expect(start).rejects.toThrow("PORT=3401");
    expect(await emulator.api.listAll("/v1/customers")).toEqual(customersBefore);
  });

  it("uses the emulator already running on its port when it is this checkout's", async () => {
    const config = checkoutOnTheEmulatorsPort();
    const own = {
      ...config,
      emulator: { ...config.emulator, controlToken: emulator.controlToken },
    };
    await expect(ensureEmulator(own)).resolves.toBeUndefined();
  });
});

describe("a server started without npm start in emulator mode", () => {
  it("stops, naming the secrets and how to start it", () => {
    const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), "radar-next-alone-")) });
    expect(() => requireEmulatorSecrets(config)).toThrow(
      /STRIPE_WEBHOOK_SECRET, STRIPE_EMULATOR_CONTROL_TOKEN[\s\S]*`npm start` \(or `npm run dev`\)/,
    );
    expect(() => requireEmulatorSecrets(checkoutOnTheEmulatorsPort())).not.toThrow();
  });
});
