import { emulatorApi } from "stripe-emulator";

/** A simulated browser: Stripe.js's stored device ID and what it reports about itself. */
export type Device = { deviceId: string; timezone: string; userAgent: string; ip: string };

/**
 * Creates a Radar Session as the emulator's Stripe.js does (POST /v1/radar/session with the
 * publishable key), from the device's own address so the emulator sees each person's IP.
 */
export function createRadarSession(emulatorUrl: string, device: Device): Promise<string> {
  return emulatorApi(emulatorUrl).createRadarSession(device);
}

export type EmulatorPaymentIntent = {
  id: string;
  customer: string | null;
  status: string;
  metadata: Record<string, string>;
};

/** Every PaymentIntent the emulator holds, newest first, page by page with the secret key. */
export function listAllPaymentIntents(emulatorUrl: string): Promise<EmulatorPaymentIntent[]> {
  return emulatorApi(emulatorUrl).listAll<EmulatorPaymentIntent>("/v1/payment_intents");
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
