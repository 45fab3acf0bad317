import type { FaultSpec } from "./control/faults.ts";

/** Test-mode keys for the emulator, which accepts any well-formed test key. */
export const EMULATOR_KEYS = {
  secretKey: "sk_test_emulator",
  publishableKey: "pk_test_emulator",
} as const;

/** A simulated browser: Stripe.js's stored device ID and what it reports about itself. */
export interface RadarDevice {
  deviceId: string;
  timezone?: string;
  userAgent?: string;
  /** The browser's address, sent as X-Forwarded-For (the emulator scores by IP). */
  ip?: string;
}

/**
 * Small clients for the emulator's API, for tests that play the browser or inspect state.
 * `controlToken` (from the helper that started the emulator, or its data dir's
 * local-secrets.json) authorises the control API; without it only the Stripe API calls work.
 */
export function emulatorApi(baseUrl: string, controlToken?: string) {
  const send = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${baseUrl}${path}`, init);
    const body = await response.json();
    if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${JSON.stringify(body)}`);
    return body;
  };
  const control = async (method: string, path: string, body?: unknown) => {
    if (!controlToken) throw new Error("The emulator's control API needs its control token");
    return send(`/_emulator${path}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${controlToken}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
  /** Any /v1 object, read with the secret key and the preview API version. */
  const retrieve = (path: string) =>
    send(path, {
      headers: {
        authorization: `Bearer ${EMULATOR_KEYS.secretKey}`,
        "stripe-version": "2026-03-04.preview",
      },
    });

  return {
    /** What Stripe.js does in the browser: a publishable-key Radar Session for one device. */
    async createRadarSession(device: RadarDevice): Promise<string> {
      const form = new URLSearchParams({ device_id: device.deviceId });
      if (device.timezone) form.set("timezone", device.timezone);
      if (device.userAgent) form.set("user_agent", device.userAgent);
      const session = await send("/v1/radar/session", {
        method: "POST",
        headers: {
          authorization: `Bearer ${EMULATOR_KEYS.publishableKey}`,
          "content-type": "application/x-www-form-urlencoded",
          ...(device.ip ? { "x-forwarded-for": device.ip } : {}),
        },
        body: form,
      });
      return session.id as string;
    },
    retrieve,
    /** Every object of a /v1 list (e.g. `/v1/payment_intents`), newest first, page by page. */
    async listAll<T extends { id: string }>(path: string): Promise<T[]> {
      const all: T[] = [];
      let startingAfter: string | undefined;
      for (;;) {
        const query = new URLSearchParams({ limit: "100" });
        if (startingAfter) query.set("starting_after", startingAfter);
        const page = (await retrieve(`${path}?${query}`)) as { data: T[]; has_more: boolean };
        all.push(...page.data);
        const last = page.data.at(-1);
        if (!page.has_more || !last) return all;
        startingAfter = last.id;
      }
    },
    injectFault(fault: FaultSpec) {
      return control("POST", "/faults", fault);
    },
    clearFaults: () => control("DELETE", "/faults"),
    removeFault: (id: string) => control("DELETE", `/faults/${encodeURIComponent(id)}`),
    /** Forgets every object, event, fault and logged request: a fresh Stripe account. */
    reset: () => control("POST", "/reset"),
    /** The injected faults, each with how many requests it has hit. */
    async faults(): Promise<(FaultSpec & { id: string; hits: number })[]> {
      return (await control("GET", "/faults")).data;
    },
    /** The webhook deliveries, newest first, each with its attempts. */
    async webhookDeliveries(): Promise<{ status: string; attempts: unknown[] }[]> {
      return (await control("GET", "/webhook_deliveries")).data;
    },
    requests: (path: string) =>
      control("GET", `/requests?path=${encodeURIComponent(path)}&limit=200`),
    /**
     * Account Evaluations created from now on complete `delayMs` after they are created, or
     * never (`null`) until this is set again or the emulator is reset.
     */
    setSignalsCompletionDelay: (delayMs: number | null) =>
      control("POST", "/signals/completion", { delay_ms: delayMs }) as Promise<{
        delay_ms: number | null;
      }>,
  };
}
export type EmulatorApi = ReturnType<typeof emulatorApi>;
