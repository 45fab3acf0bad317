import type { FaultSpec } from "./control/faults.ts";

/** Test-mode keys for the emulator, which accepts any well-formed test key. */
export const EMULATOR_KEYS = {
  secretKey: "sk_test_emulator",
  publishableKey: "pk_test_emulator",
} as const;

/**
 * Small clients for the emulator's API, for tests that play the browser or inspect state.
 * `controlToken` (from the helper that started the emulator, or its data dir's
 * local-secrets.json) authorises the control API.
 */
export function emulatorApi(baseUrl: string, controlToken: string) {
  const send = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${baseUrl}${path}`, init);
    const body = await response.json();
    if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${JSON.stringify(body)}`);
    return body;
  };
  const control = (method: string, path: string, body?: unknown) =>
    send(`/_emulator${path}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${controlToken}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  return {
    /** What Stripe.js does in the browser: a publishable-key Radar Session for one device. */
    async createRadarSession(device: { deviceId: string; timezone?: string }): Promise<string> {
      const form = new URLSearchParams({ device_id: device.deviceId });
      if (device.timezone) form.set("timezone", device.timezone);
      const session = await send("/v1/radar/session", {
        method: "POST",
        headers: {
          authorization: `Bearer ${EMULATOR_KEYS.publishableKey}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: form,
      });
      return session.id as string;
    },
    /** Any /v1 object, read with the secret key and the preview API version. */
    retrieve(path: string) {
      return send(path, {
        headers: {
          authorization: `Bearer ${EMULATOR_KEYS.secretKey}`,
          "stripe-version": "2026-03-04.preview",
        },
      });
    },
    injectFault(fault: FaultSpec) {
      return control("POST", "/faults", fault);
    },
    clearFaults: () => control("DELETE", "/faults"),
    /** The injected faults, each with how many requests it has hit. */
    async faults(): Promise<(FaultSpec & { id: string; hits: number })[]> {
      return (await control("GET", "/faults")).data;
    },
    requests: (path: string) =>
      control("GET", `/requests?path=${encodeURIComponent(path)}&limit=200`),
  };
}
export type EmulatorApi = ReturnType<typeof emulatorApi>;
