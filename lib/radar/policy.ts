import type { CustomerSignal, RiskLevel } from "@/lib/radar/signals";

export type Decision = "allow" | "review" | "block";

/** Score thresholds; the defaults are Stripe's published bands (elevated 65-74, highest 75+). */
export type PolicyThresholds = { reviewAtScore: number; blockAtScore: number };

export const STRIPE_BANDS: PolicyThresholds = { reviewAtScore: 65, blockAtScore: 75 };

const NEVER_BLOCKS: ReadonlySet<RiskLevel> = new Set(["not_assessed", "unknown"]);

/**
 * Maps a Radar signal to allow / review / block. A missing signal, or one Radar could not
 * assess, always allows: the evaluation fails open. The score decides when there is one; a bare
 * risk level decides otherwise (highest blocks, elevated reviews).
 */
export function decide(
  signal: Pick<CustomerSignal, "score" | "risk_level"> | null | undefined,
  thresholds: PolicyThresholds = STRIPE_BANDS,
): Decision {
  if (!signal) return "allow";
  if (signal.risk_level && NEVER_BLOCKS.has(signal.risk_level)) return "allow";
  if (Number.isFinite(signal.score)) {
    if (signal.score >= thresholds.blockAtScore) return "block";
    if (signal.score >= thresholds.reviewAtScore) return "review";
    return "allow";
  }
  if (signal.risk_level === "highest") return "block";
  if (signal.risk_level === "elevated") return "review";
  return "allow";
}

/**
 * A missing device signal never makes a request more trusted than a present one: without a Radar
 * Session (stripped from the form, or one Stripe did not recognise) nothing is allowed unreviewed.
 */
export function withoutDeviceSignal(decision: Decision): Decision {
  return decision === "allow" ? "review" : decision;
}
