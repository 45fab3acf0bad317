import { type StartedEmulator, startEmulator } from "stripe-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatStripeCheck, runStripeCheck } from "./stripe-check.ts";

const ENDPOINTS = [
  "POST /v1/customers",
  "GET /v1/customers/:id",
  "POST /v1/payment_methods",
  "POST /v1/payment_methods/:id/attach",
  "POST /v1/radar/payment_evaluations",
  "POST /v1/payment_intents",
  "GET /v1/payment_intents/:id",
  "POST /v1/radar/customer_evaluations",
  "GET /v1/radar/customer_evaluations/:id",
  "POST /v1/radar/customer_evaluations/:id/report",
  "POST /v2/signals/account_evaluations",
  "GET /v2/signals/account_evaluations/:id",
  "POST /v2/signals/account_activity",
  "GET /v2/signals/account_activity/:id",
  "GET /v1/webhook_endpoints",
  "DELETE /v1/customers/:id (clean-up)",
];

describe("npm run stripe:check", () => {
  let emulator: StartedEmulator;
  const target = (customerEvaluationsVersion: string) => ({
    secretKey: "sk_test_emulator",
    apiHost: { host: "127.0.0.1", port: emulator.port, protocol: "http" as const },
    customerEvaluationsVersion,
  });

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator?.stop());

  it.each(["2026-03-04.preview", "2026-08-12.preview"])(
    "calls each endpoint the app uses once, and each works, with Customer Evaluations at %s",
    async (version) => {
      const rows = await runStripeCheck(target(version));
      console.log(formatStripeCheck(rows));
      expect(rows.map((row) => row.endpoint)).toEqual(ENDPOINTS);
      expect(rows.filter((row) => row.result !== "works")).toEqual([]);
      const versions = Object.fromEntries(rows.map((row) => [row.endpoint, row.apiVersion]));
      expect(versions).toMatchObject({
        "POST /v1/customers": "2026-10-28.endive",
        "POST /v1/radar/customer_evaluations/:id/report": version,
        "POST /v2/signals/account_evaluations": "2026-08-26.preview",
      });
    },
  );

  it("shows Stripe's refusal when the previews are not called with a preview version", async () => {
    const rows = await runStripeCheck(target("2024-06-20"));
    const row = rows.find(
      (candidate) => candidate.endpoint === "POST /v1/radar/customer_evaluations",
    );
    expect(row).toMatchObject({ result: "refused", apiVersion: "2024-06-20" });
    expect(row?.message).toMatch(/preview/i);
    expect(
      rows.find((candidate) => candidate.endpoint === "GET /v1/radar/customer_evaluations/:id"),
    ).toMatchObject({
      result: "skipped",
    });
    expect(rows.find((candidate) => candidate.endpoint === "POST /v1/customers")?.result).toBe(
      "works",
    );
    expect(formatStripeCheck(rows)).toContain(`POST /v1/radar/customer_evaluations`);
  });

  it("refuses a live key before making any call", async () => {
    const logged = async () => {
      const log = await fetch(`${emulator.url}/_emulator/requests?limit=10000`, {
        headers: { authorization: `Bearer ${emulator.controlToken}` },
      });
      return ((await log.json()) as { data: unknown[] }).data.length;
    };
    const before = await logged();
    await expect(
      runStripeCheck({ ...target("2026-08-12.preview"), secretKey: "sk_live_1234" }),
    ).rejects.toThrow(/test keys only/);
    expect(await logged()).toBe(before);
  });
});
