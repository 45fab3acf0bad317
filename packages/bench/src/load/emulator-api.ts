import { emulatorApi, type RadarDevice } from "stripe-emulator";

/** A simulated browser with every field the emulator scores set. */
export type Device = Required<RadarDevice>;

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
