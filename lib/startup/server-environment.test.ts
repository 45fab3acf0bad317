import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOCAL_SECRETS_FILE, readOrCreateLocalSecrets } from "stripe-emulator";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/config/load-config";
import { serverEnvironment } from "@/lib/startup/server-environment";

const freshDataDir = () => mkdtempSync(join(tmpdir(), "radar-server-env-"));

describe("the environment npm start gives the server", () => {
  it("carries the secrets of the emulator's data dir, generated once for each", () => {
    const dataDir = freshDataDir();
    const { environment, config } = serverEnvironment({ DATA_DIR: dataDir });
    const secrets = readOrCreateLocalSecrets(join(dataDir, "emulator"));
    expect(environment).toMatchObject({
      DATA_DIR: dataDir,
      STRIPE_WEBHOOK_SECRET: secrets.webhookSecret,
      STRIPE_EMULATOR_CONTROL_TOKEN: secrets.controlToken,
    });
    // What the server reads from it is what the emulator signs and checks with.
    expect(loadConfig(environment)).toEqual(config);
    expect(config.stripe.webhookSecret).toBe(secrets.webhookSecret);
    expect(config.emulator.controlToken).toBe(secrets.controlToken);
    expect(serverEnvironment({ DATA_DIR: dataDir }).environment).toEqual(environment);
    const other = serverEnvironment({ DATA_DIR: freshDataDir() }).config;
    expect(other.stripe.webhookSecret).not.toBe(secrets.webhookSecret);
    expect(other.emulator.controlToken).not.toBe(secrets.controlToken);
  });

  it("keeps a STRIPE_WEBHOOK_SECRET that is set, but not a control token the emulator does not know", () => {
    const dataDir = freshDataDir();
    const { config } = serverEnvironment({
      DATA_DIR: dataDir,
      STRIPE_WEBHOOK_SECRET: "whsec_mine",
      STRIPE_EMULATOR_CONTROL_TOKEN: "emutok_stale",
    });
    expect(config.stripe.webhookSecret).toBe("whsec_mine");
    expect(config.emulator.controlToken).toBe(
      readOrCreateLocalSecrets(join(dataDir, "emulator")).controlToken,
    );
  });

  it("is left as it is with Stripe keys: no secret is read or created", () => {
    const source = {
      DATA_DIR: freshDataDir(),
      STRIPE_SECRET_KEY: "sk_test_a",
      STRIPE_PUBLISHABLE_KEY: "pk_test_a",
    };
    const { environment, config } = serverEnvironment(source);
    expect(environment).toEqual(source);
    expect(existsSync(join(source.DATA_DIR, "emulator"))).toBe(false);
    expect(config.stripe.webhookSecret).toBeUndefined();
    expect(config.emulator.controlToken).toBeUndefined();
  });

  it("stops the start with a message naming a corrupt secrets file", () => {
    const dataDir = freshDataDir();
    mkdirSync(join(dataDir, "emulator"));
    writeFileSync(join(dataDir, "emulator", LOCAL_SECRETS_FILE), "not json");
    expect(() => serverEnvironment({ DATA_DIR: dataDir })).toThrow(ConfigError);
    expect(() => serverEnvironment({ DATA_DIR: dataDir })).toThrow(LOCAL_SECRETS_FILE);
  });
});
