export type RiskLevel = "highest" | "elevated" | "normal" | "not_assessed";

/** Stripe's published bands: highest 75-100, elevated 65-74, normal below 65. */
export const HIGHEST_FROM = 75;
export const ELEVATED_FROM = 65;

export function bandOf(score: number): "highest" | "elevated" | "normal" {
  if (score >= HIGHEST_FROM) return "highest";
  if (score >= ELEVATED_FROM) return "elevated";
  return "normal";
}

/** One line of an explanation: what was looked at, what was found, points added. */
export interface Factor {
  name: string;
  detail: string;
  points: number;
  assessed: boolean;
}

export interface Risk {
  score: number;
  risk_level: RiskLevel;
}

export interface Assessment extends Risk {
  factors: Factor[];
}

export function clampScore(score: number): number {
  return Math.max(0, Math.min(100, Math.round(score * 10) / 10));
}

/**
 * Adds the factors up. When the device could not be assessed (no Radar Session) and the other
 * factors stay below elevated, Stripe has nothing to say: the level is `not_assessed`.
 */
export function assess(factors: Factor[], deviceAssessed: boolean): Assessment {
  const score = clampScore(factors.reduce((sum, factor) => sum + factor.points, 0));
  const band = bandOf(score);
  const risk_level = !deviceAssessed && band === "normal" ? "not_assessed" : band;
  return { score, risk_level, factors };
}
