/**
 * The Radar endpoints an injected outage answers with 500, whichever generation the app calls
 * (a prefix: an Account Evaluation's reads too); Radar Sessions keep working.
 */
export const RADAR_FAULT_PATHS = [
  "/v1/radar/customer_evaluations",
  "/v2/signals/account_evaluations",
  "/v1/radar/payment_evaluations",
];

export const RADAR_OUTAGE_MS = 60_000;
