import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { ConfigError, EMULATOR_KEYS, loadConfig } from "@/lib/config/load-config";

// An app that talks to Stripe copies lib/ without the emulator: nothing the configuration
// imports may need it.
vi.mock("stripe-emulator", () => {
  throw new Error("the configuration imports the stripe-emulator package");
});

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
    expect(config.radar).toEqual({
      api: "v1",
      customerEvaluationsVersion: "2026-08-12.preview",
      completionWaitMs: 2_000,
    });
    expect(config.policy.unreadableResponse).toBe("review");
  });

  it("takes the Radar generation, the version, the unreadable-answer decision and the payment time-out", () => {
    const config = loadConfig({
      RADAR_API: "v2",
      RADAR_CUSTOMER_EVALUATIONS_VERSION: "2026-03-04.preview",
      RADAR_UNREADABLE_DECISION: "block",
      STRIPE_PAYMENT_TIMEOUT_MS: "45000",
    });
    expect(config.radar).toEqual({
      api: "v2",
      customerEvaluationsVersion: "2026-03-04.preview",
      completionWaitMs: 2_000,
    });
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

  it("is in demo mode with the emulator and on a development server, not against Stripe otherwise", () => {
    const stripe = {
      STRIPE_SECRET_KEY: "sk_test_abc123",
      STRIPE_PUBLISHABLE_KEY: "pk_test_abc123",
    };
    expect(loadConfig({ NODE_ENV: "production" }).demoMode).toBe(true);
    expect(loadConfig({ ...stripe, NODE_ENV: "development" }).demoMode).toBe(true);
    expect(loadConfig({ ...stripe, NODE_ENV: "production" }).demoMode).toBe(false);
    expect(loadConfig({ ...stripe, NODE_ENV: "test" }).demoMode).toBe(false);
  });

  it("lists every bad variable at once", () => {
    expect(() => loadConfig({ DATABASE_URL: "nope", PORT: "-1" })).toThrow(
      /DATABASE_URL[\s\S]*PORT/,
    );
  });
});

describe("the emulator's webhook secret and control token", () => {
  it("come from the environment only: no file is read or created", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "radar-config-"));
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.stripe.webhookSecret).toBeUndefined();
    expect(config.emulator.controlToken).toBeUndefined();
    expect(readdirSync(dataDir)).toEqual([]);
    const given = loadConfig({
      STRIPE_WEBHOOK_SECRET: "whsec_given",
      STRIPE_EMULATOR_CONTROL_TOKEN: "emutok_given",
    });
    expect(given.stripe.webhookSecret).toBe("whsec_given");
    expect(given.emulator.controlToken).toBe("emutok_given");
  });

  it("are not the emulator's business with Stripe keys", () => {
    const config = loadConfig({
      STRIPE_SECRET_KEY: "sk_test_a",
      STRIPE_PUBLISHABLE_KEY: "pk_test_a",
      STRIPE_EMULATOR_CONTROL_TOKEN: "emutok_stale",
    });
    expect(config.emulator.controlToken).toBeUndefined();
  });

  it("rejects a control token that is not the emulator's", () => {
    expect(() => loadConfig({ STRIPE_EMULATOR_CONTROL_TOKEN: "secret" })).toThrow(
      /STRIPE_EMULATOR_CONTROL_TOKEN: expected the emulator's control token/,
    );
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

describe("the Radar API generation", () => {
  it("verifies thin events with their own destination's secret when one is given", () => {
    const stripeKeys = { STRIPE_SECRET_KEY: "sk_test_a", STRIPE_PUBLISHABLE_KEY: "pk_test_a" };
    expect(loadConfig(stripeKeys).stripe.thinWebhookSecret).toBeUndefined();
    expect(
      loadConfig({ ...stripeKeys, STRIPE_THIN_WEBHOOK_SECRET: "whsec_thin" }).stripe
        .thinWebhookSecret,
    ).toBe("whsec_thin");
    expect(() => loadConfig({ STRIPE_THIN_WEBHOOK_SECRET: "thin" })).toThrow(
      /STRIPE_THIN_WEBHOOK_SECRET: expected a webhook signing secret/,
    );
  });

  it("is v1 unless RADAR_API says v2, which waits 2 s for an evaluation unless told otherwise", () => {
    expect(loadConfig({}).radar).toMatchObject({ api: "v1", completionWaitMs: 2_000 });
    expect(loadConfig({ RADAR_API: "v2", RADAR_V2_WAIT_MS: "500" }).radar).toMatchObject({
      api: "v2",
      completionWaitMs: 500,
    });
  });

  it.each([
    [{ RADAR_API: "v3" }, /RADAR_API: expected "v1" or "v2"/],
    [{ RADAR_V2_WAIT_MS: "forever" }, /RADAR_V2_WAIT_MS/],
    [{ RADAR_V2_WAIT_MS: "60000" }, /RADAR_V2_WAIT_MS: expected milliseconds, 0 to 30000/],
  ])("rejects %o naming the variable", (source, message) => {
    expect(() => loadConfig(source)).toThrow(message);
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
