import { z } from "zod";

export const RISK_LEVELS = [
  "elevated",
  "highest",
  "low",
  "normal",
  "not_assessed",
  "unknown",
] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** A level Stripe adds later is read as `unknown` rather than failing the whole evaluation. */
export const riskLevelSchema = z.enum(RISK_LEVELS).catch("unknown");

/** A level Stripe adds later is no level at all to an account evaluation: its score decides. */
export function knownRiskLevel(level: string | null | undefined): RiskLevel | null {
  return (RISK_LEVELS as readonly string[]).includes(level ?? "") ? (level as RiskLevel) : null;
}
