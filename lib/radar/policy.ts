import type { AccountSignal } from "@/lib/radar/account-abuse";
import type { RiskLevel } from "@/lib/radar/signals";

export type Decision = "allow" | "review" | "block";

/** Score thresholds; the defaults are Stripe's published bands (elevated 65-74, highest 75+). */
export type PolicyThresholds = { reviewAtScore: number; blockAtScore: number };

export const STRIPE_BANDS: PolicyThresholds = { reviewAtScore: 65, blockAtScore: 75 };

/** The thresholds, and the decision for an answer from Stripe the app cannot read. */
export type RadarPolicy = PolicyThresholds & { unreadableResponse: Decision };

export const DEFAULT_POLICY: RadarPolicy = { ...STRIPE_BANDS, unreadableResponse: "review" };

type Signal = Pick<AccountSignal, "score" | "riskLevel">;

const NEVER_BLOCKS: ReadonlySet<RiskLevel> = new Set(["not_assessed", "unknown"]);

/** A decision and the rule of the policy that made it, in words an operator can check. */
export type Ruling = { decision: Decision; rule: string };

/**
 * Maps a Radar signal to allow / review / block. A missing signal, or one Radar could not
 * assess, always allows: the evaluation fails open. The score decides when there is one; a bare
 * risk level decides otherwise (highest blocks, elevated reviews).
 */
export function ruling(
  signal: Signal | null | undefined,
  thresholds: PolicyThresholds = STRIPE_BANDS,
): Ruling {
  if (!signal) return { decision: "allow", rule: "no signal (evaluation unavailable): allow" };
  if (signal.riskLevel && NEVER_BLOCKS.has(signal.riskLevel)) {
    return { decision: "allow", rule: `risk level ${signal.riskLevel}: allow` };
  }
  if (signal.score !== null && Number.isFinite(signal.score)) {
    if (signal.score >= thresholds.blockAtScore) {
      return { decision: "block", rule: `score >= ${thresholds.blockAtScore}: block` };
    }
    if (signal.score >= thresholds.reviewAtScore) {
      return { decision: "review", rule: `score >= ${thresholds.reviewAtScore}: review` };
    }
    return { decision: "allow", rule: `score < ${thresholds.reviewAtScore}: allow` };
  }
  if (signal.riskLevel === "highest") {
    return { decision: "block", rule: "no score, risk level highest: block" };
  }
  if (signal.riskLevel === "elevated") {
    return { decision: "review", rule: "no score, risk level elevated: review" };
  }
  return { decision: "allow", rule: "no score, risk level normal: allow" };
}

export function decide(
  signal: Signal | null | undefined,
  thresholds: PolicyThresholds = STRIPE_BANDS,
): Decision {
  return ruling(signal, thresholds).decision;
}

/**
 * An answer from Stripe that the app cannot read is not an outage: it may be a renamed field that
 * would otherwise switch Radar off for everyone. It is decided by its own setting, review unless
 * configured otherwise.
 */
export function unreadableRuling(policy: RadarPolicy): Ruling {
  return {
    decision: policy.unreadableResponse,
    rule: `unreadable response: ${policy.unreadableResponse}`,
  };
}

/**
 * A missing device signal never makes a request more trusted than a present one: without a Radar
 * Session (stripped from the form, or one Stripe did not recognise) nothing is allowed unreviewed.
 */
export function withoutDeviceSignal(decision: Decision): Decision {
  return decision === "allow" ? "review" : decision;
}

/** A Payment Evaluation decides by Stripe's recommended_action; one that is missing fails open. */
export function paymentRuling(recommendedAction: string | null): Ruling {
  if (recommendedAction === null) {
    return { decision: "allow", rule: "no Payment Evaluation (unavailable): allow" };
  }
  return recommendedAction === "block"
    ? { decision: "block", rule: "recommended_action block: block" }
    : { decision: "allow", rule: `recommended_action ${recommendedAction}: allow` };
}

/**
 * The rule behind a decision already saved, read again from its signal under `thresholds`. A
 * review where the signal alone allows is the rule of a missing device signal, or of a
 * registration for an email whose sign-up was blocked before.
 */
export function explainDecision(
  saved: Decision,
  signal: Signal | null,
  thresholds: PolicyThresholds,
): string {
  const bySignal = ruling(signal, thresholds);
  if (bySignal.decision === saved) return bySignal.rule;
  if (saved === withoutDeviceSignal(bySignal.decision)) {
    return `no Radar Session, or a sign-up for this email blocked before: at least review (${bySignal.rule})`;
  }
  return `${saved}, under thresholds other than today's (${bySignal.rule} now)`;
}
