import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { LOCAL_SECRETS_FILE, readOrCreateLocalSecrets } from "stripe-emulator";
import { describe, expect, it } from "vitest";
import { ConfigError, EMULATOR_KEYS, loadConfig } from "@/lib/config/load-config";

describe("loadConfig", () => {
  it("defaults to the embedded database and the local emulator", () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: "embedded", directory: resolve(".data/pglite") });
    expect(config.stripe).toMatchObject({
      mode: "emulator",
      secretKey: EMULATOR_KEYS.secretKey,
      publishableKey: EMULATOR_KEYS.publishableKey,
      apiHost: { host: "127.0.0.1", port: 12111, protocol: "http" },
      timeoutMs: 2000,
    });
    expect(config.emulator.dataDirectory).toBe(resolve(".data/emulator"));
  });

  it("uses PostgreSQL and Stripe when configured", () => {
    const config = loadConfig({
      DATABASE_URL: "postgresql://app@db.internal:5432/radar",
      STRIPE_SECRET_KEY: "sk_test_abc123",
      STRIPE_PUBLISHABLE_KEY: "pk_test_abc123",
      STRIPE_WEBHOOK_SECRET: "whsec_abc",
      STRIPE_TIMEOUT_MS: "3500",
    });
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgresql://app@db.internal:5432/radar",
    });
    expect(config.stripe).toEqual({
      mode: "stripe",
      secretKey: "sk_test_abc123",
      publishableKey: "pk_test_abc123",
      webhookSecret: "whsec_abc",
      apiHost: undefined,
      timeoutMs: 3500,
      paymentTimeoutMs: 30_000,
    });
  });

  it("calls v1 Customer Evaluations with the current preview version, reviewing what it cannot read", () => {
    const config = loadConfig({});
    expect(config.radar).toEqual({ api: "v1", customerEvaluationsVersion: "2026-08-12.preview" });
    expect(config.policy.unreadableResponse).toBe("review");
  });

  it("takes the Radar generation, the version, the unreadable-answer decision and the payment time-out", () => {
    const config = loadConfig({
      RADAR_API: "v2",
      RADAR_CUSTOMER_EVALUATIONS_VERSION: "2026-03-04.preview",
      RADAR_UNREADABLE_DECISION: "block",
      STRIPE_PAYMENT_TIMEOUT_MS: "45000",
    });
    expect(config.radar).toEqual({ api: "v2", customerEvaluationsVersion: "2026-03-04.preview" });
    expect(config.policy.unreadableResponse).toBe("block");
    expect(config.stripe.paymentTimeoutMs).toBe(45_000);
  });

  it("treats empty values as unset, as .env files often leave them", () => {
    expect(loadConfig({ DATABASE_URL: "", STRIPE_SECRET_KEY: "" }).stripe.mode).toBe("emulator");
  });

  it.each([
    [{ DATABASE_URL: "mysql://root@localhost/x" }, /DATABASE_URL: expected a postgresql:\/\//],
    [{ STRIPE_SECRET_KEY: "pk_test_123" }, /STRIPE_SECRET_KEY: expected a Stripe secret key/],
    [{ STRIPE_SECRET_KEY: "sk_test_123" }, /STRIPE_PUBLISHABLE_KEY: required/],
    [
      { STRIPE_SECRET_KEY: "sk_live_123", STRIPE_PUBLISHABLE_KEY: "pk_test_123" },
      /is a test key but STRIPE_SECRET_KEY is a live key/,
    ],
    [{ STRIPE_WEBHOOK_SECRET: "secret" }, /STRIPE_WEBHOOK_SECRET: expected a webhook signing/],
    [{ STRIPE_EMULATOR_PORT: "99999" }, /STRIPE_EMULATOR_PORT/],
    [{ STRIPE_TIMEOUT_MS: "soon" }, /STRIPE_TIMEOUT_MS/],
    [{ STRIPE_PAYMENT_TIMEOUT_MS: "500" }, /STRIPE_PAYMENT_TIMEOUT_MS/],
    [{ RADAR_API: "v3" }, /RADAR_API: expected "v1" or "v2"/],
    [
      { RADAR_CUSTOMER_EVALUATIONS_VERSION: "2026-10-28.endive" },
      /RADAR_CUSTOMER_EVALUATIONS_VERSION: expected a Stripe preview version/,
    ],
    [{ RADAR_UNREADABLE_DECISION: "ignore" }, /RADAR_UNREADABLE_DECISION: expected "allow"/],
    [{ TRUSTED_PROXY_HOPS: "-1" }, /TRUSTED_PROXY_HOPS: expected a whole number of proxies/],
    [{ TRUSTED_PROXY_HOPS: "1.5" }, /TRUSTED_PROXY_HOPS: expected a whole number of proxies/],
  ])("rejects %o naming the variable", (source, message) => {
    expect(() => loadConfig(source)).toThrow(ConfigError);
    expect(() => loadConfig(source)).toThrow(message);
  });

  it("trusts no proxy unless TRUSTED_PROXY_HOPS says how many there are", () => {
    expect(loadConfig({}).trustedProxyHops).toBe(0);
    expect(loadConfig({ TRUSTED_PROXY_HOPS: "2" }).trustedProxyHops).toBe(2);
  });

  it("seeds the demo history unless DEMO_HISTORY is off", () => {
    expect(loadConfig({}).demoHistory).toBe(true);
    expect(loadConfig({ DEMO_HISTORY: "off" }).demoHistory).toBe(false);
    expect(() => loadConfig({ DEMO_HISTORY: "no" })).toThrow(/DEMO_HISTORY/);
  });

  it("lists every bad variable at once", () => {
    expect(() => loadConfig({ DATABASE_URL: "nope", PORT: "-1" })).toThrow(
      /DATABASE_URL[\s\S]*PORT/,
    );
  });
});

describe("the emulator's webhook secret and control token", () => {
  const freshDataDir = () => mkdtempSync(join(tmpdir(), "radar-config-"));
  const stripeKeys = { STRIPE_SECRET_KEY: "sk_test_a", STRIPE_PUBLISHABLE_KEY: "pk_test_a" };

  it("come from the emulator's data dir, generated once for each", () => {
    const dataDir = freshDataDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    const secrets = readOrCreateLocalSecrets(join(dataDir, "emulator"));
    expect(config.stripe.webhookSecret).toBe(secrets.webhookSecret);
    expect(config.emulator.controlToken).toBe(secrets.controlToken);
    expect(loadConfig({ DATA_DIR: dataDir }).stripe.webhookSecret).toBe(secrets.webhookSecret);
    const other = loadConfig({ DATA_DIR: freshDataDir() });
    expect(other.stripe.webhookSecret).not.toBe(secrets.webhookSecret);
    expect(other.emulator.controlToken).not.toBe(secrets.controlToken);
  });

  it("give way to STRIPE_WEBHOOK_SECRET", () => {
    const config = loadConfig({ DATA_DIR: freshDataDir(), STRIPE_WEBHOOK_SECRET: "whsec_mine" });
    expect(config.stripe.webhookSecret).toBe("whsec_mine");
    expect(config.emulator.controlToken).toMatch(/^emutok_/);
  });

  it("are neither read nor created with Stripe keys", () => {
    const dataDir = freshDataDir();
    expect(loadConfig({ DATA_DIR: dataDir, ...stripeKeys }).emulator.controlToken).toBeUndefined();
    expect(existsSync(join(dataDir, "emulator"))).toBe(false);
  });

  it("stop the server with a message naming a corrupt secrets file", () => {
    const dataDir = freshDataDir();
    mkdirSync(join(dataDir, "emulator"));
    writeFileSync(join(dataDir, "emulator", LOCAL_SECRETS_FILE), "not json");
    expect(() => loadConfig({ DATA_DIR: dataDir })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir })).toThrow(LOCAL_SECRETS_FILE);
  });
});

describe("policy thresholds", () => {
  it("default to Stripe's bands and can be overridden", () => {
    expect(loadConfig({}).policy).toEqual({
      reviewAtScore: 65,
      blockAtScore: 75,
      unreadableResponse: "review",
    });
    expect(loadConfig({ RADAR_REVIEW_SCORE: "50", RADAR_BLOCK_SCORE: "90" }).policy).toEqual({
      reviewAtScore: 50,
      blockAtScore: 90,
      unreadableResponse: "review",
    });
  });

  it("refuse a review threshold above the block threshold", () => {
    expect(() => loadConfig({ RADAR_REVIEW_SCORE: "80", RADAR_BLOCK_SCORE: "70" })).toThrow(
      /RADAR_REVIEW_SCORE: must not be above RADAR_BLOCK_SCORE/,
    );
  });
});

describe("the server's address", () => {
  it("is loopback with the emulator, every interface with Stripe, or APP_HOST", () => {
    expect(loadConfig({}).appHost).toBe("127.0.0.1");
    const stripeKeys = { STRIPE_SECRET_KEY: "sk_test_a", STRIPE_PUBLISHABLE_KEY: "pk_test_a" };
    expect(loadConfig(stripeKeys).appHost).toBeUndefined();
    expect(loadConfig({ APP_HOST: "0.0.0.0" }).appHost).toBe("0.0.0.0");
    expect(() => loadConfig({ APP_HOST: "0.0.0.0; rm -rf" })).toThrow(/APP_HOST/);
  });

  it("takes the public URL from APP_URL, http or https only", () => {
    expect(loadConfig({ APP_URL: "https://shop.example.com" }).appUrl).toBe(
      "https://shop.example.com",
    );
    expect(() => loadConfig({ APP_URL: "ftp://shop.example.com" })).toThrow(/APP_URL/);
  });
});
