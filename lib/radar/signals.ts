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
