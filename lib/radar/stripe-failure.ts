import Stripe from "stripe";

export type StripeFailure =
  | { kind: "unavailable"; message: string }
  | { kind: "invalid_radar_session"; message: string };

/**
 * Sorts an error from a Radar call: a Radar Session Stripe does not know (forged, or from
 * another account) is the caller's problem; everything else means the signal is unavailable.
 */
export function classifyStripeFailure(error: unknown): StripeFailure {
  if (error instanceof Stripe.errors.StripeError) {
    const param = error.param ?? "";
    if (error.code === "resource_missing" && param.includes("radar_session")) {
      return { kind: "invalid_radar_session", message: error.message };
    }
    const status = error.statusCode ? ` (HTTP ${error.statusCode})` : "";
    return { kind: "unavailable", message: `${error.type}${status}: ${error.message}` };
  }
  return {
    kind: "unavailable",
    message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
}
