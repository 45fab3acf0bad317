import { EMULATOR_KEYS } from "@/lib/config/load-config";

/** A simulated browser: Stripe.js's stored device ID and what it reports about itself. */
export type Device = { deviceId: string; timezone: string; userAgent: string; ip: string };

/**
 * Creates a Radar Session as the emulator's Stripe.js does (POST /v1/radar/session with the
 * publishable key), from the device's own address so the emulator sees each person's IP.
 */
export async function createRadarSession(emulatorUrl: string, device: Device): Promise<string> {
  const response = await fetch(`${emulatorUrl}/v1/radar/session`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${EMULATOR_KEYS.publishableKey}`,
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Forwarded-For": device.ip,
    },
    body: new URLSearchParams({
      device_id: device.deviceId,
      timezone: device.timezone,
      user_agent: device.userAgent,
    }),
  });
  const json = (await response.json()) as { id?: string; error?: { message?: string } };
  if (!response.ok || !json.id?.startsWith("rse_")) {
    throw new Error(
      `Creating a Radar Session failed: ${response.status} ${json.error?.message ?? ""}`,
    );
  }
  return json.id;
}

export type EmulatorPaymentIntent = {
  id: string;
  customer: string | null;
  status: string;
  metadata: Record<string, string>;
};

/** Every PaymentIntent the emulator holds, newest first, page by page with the secret key. */
export async function listAllPaymentIntents(emulatorUrl: string): Promise<EmulatorPaymentIntent[]> {
  const all: EmulatorPaymentIntent[] = [];
  let startingAfter: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: "100" });
    if (startingAfter) query.set("starting_after", startingAfter);
    const response = await fetch(`${emulatorUrl}/v1/payment_intents?${query}`, {
      headers: { Authorization: `Bearer ${EMULATOR_KEYS.secretKey}` },
    });
    if (!response.ok) {
      throw new Error(`Listing PaymentIntents failed: ${response.status} ${await response.text()}`);
    }
    const page = (await response.json()) as { data: EmulatorPaymentIntent[]; has_more: boolean };
    all.push(...page.data);
    const last = page.data.at(-1);
    if (!page.has_more || !last) return all;
    startingAfter = last.id;
  }
}

/** Runs `task` over `items` with at most `concurrency` at a time. */
export async function mapConcurrently<I, O>(
  items: I[],
  concurrency: number,
  task: (item: I, index: number) => Promise<O>,
): Promise<O[]> {
  const results = new Array<O>(items.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      results[index] = await task(items[index] as I, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
