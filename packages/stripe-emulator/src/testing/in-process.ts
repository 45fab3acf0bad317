import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Stripe from "stripe";
import { createEmulator, type Emulator } from "../app.ts";
import { configFromEnv, type EmulatorConfig } from "../config.ts";

export interface TestEmulator {
  emulator: Emulator;
  url: string;
  port: number;
  stripe: Stripe;
  controlToken: string;
  webhookSecret: string;
  /** `Authorization` for the control API. */
  controlHeaders: { Authorization: string };
  /** A raw form POST/GET with a secret key, for wire-level assertions. */
  request(
    method: string,
    path: string,
    body?: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** An emulator inside the test process (fast to start) on a free port and a fresh data dir. */
export async function startTestEmulator(
  overrides: Partial<EmulatorConfig> = {},
): Promise<TestEmulator> {
  const config: EmulatorConfig = {
    ...configFromEnv({}),
    dataDir: mkdtempSync(join(tmpdir(), "stripe-emulator-test-")),
    ...overrides,
  };
  const emulator = createEmulator(config);
  const port = await emulator.listen(0);
  const url = `http://127.0.0.1:${port}`;
  const stripe = new Stripe("sk_test_emulator", { host: "127.0.0.1", port, protocol: "http" });
  return {
    emulator,
    url,
    port,
    stripe,
    controlToken: emulator.controlToken,
    webhookSecret: emulator.webhookSecret,
    controlHeaders: { Authorization: `Bearer ${emulator.controlToken}` },
    async request(method, path, body, headers = {}) {
      const response = await fetch(url + path, {
        method,
        headers: {
          Authorization: "Bearer sk_test_emulator",
          "Content-Type": "application/x-www-form-urlencoded",
          ...headers,
        },
        body: method === "GET" || method === "DELETE" ? undefined : (body ?? ""),
      });
      const text = await response.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        json = { text };
      }
      return { status: response.status, headers: response.headers, json };
    },
    close: () => emulator.close(),
  };
}
