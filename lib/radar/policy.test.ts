import { describe, expect, it } from "vitest";
import {
  DEFAULT_POLICY,
  decide,
  explainDecision,
  paymentRuling,
  ruling,
  STRIPE_BANDS,
  unreadableRuling,
  withoutDeviceSignal,
} from "@/lib/radar/policy";
import type { RiskLevel } from "@/lib/radar/signals";

const signal = (score: number | null, riskLevel: RiskLevel | null) => ({ score, riskLevel });

describe("decide", () => {
  it.each([
    // Stripe's bands: normal 0-64, elevated 65-74, highest 75-100.
    [signal(0, "normal"), "allow"],
    [signal(64.9, "normal"), "allow"],
    [signal(20, "low"), "allow"],
    [signal(65, "elevated"), "review"],
    [signal(74.9, "elevated"), "review"],
    [signal(75, "highest"), "block"],
    [signal(100, "highest"), "block"],
    // The seeds' example: a score with a null risk level is decided by the score.
    [signal(50.1, null), "allow"],
    [signal(70, null), "review"],
    [signal(80, null), "block"],
    // Radar could not assess: never block, whatever the score says.
    [signal(99, "not_assessed"), "allow"],
    [signal(99, "unknown"), "allow"],
    [null, "allow"],
    [undefined, "allow"],
    // No usable score: the level decides.
    [signal(Number.NaN, "highest"), "block"],
    [signal(Number.NaN, "elevated"), "review"],
    [signal(Number.NaN, "normal"), "allow"],
    [signal(Number.NaN, null), "allow"],
    // Stripe's types let the score be null: the level decides.
    [signal(null, "highest"), "block"],
    [signal(null, "elevated"), "review"],
    [signal(null, null), "allow"],
  ] as const)("%o -> %s", (input, expected) => {
    expect(decide(input, STRIPE_BANDS)).toBe(expected);
  });

  it("uses overridden thresholds", () => {
    const strict = { reviewAtScore: 40, blockAtScore: 60 };
    expect(decide(signal(45, "normal"), strict)).toBe("review");
    expect(decide(signal(60, "normal"), strict)).toBe("block");
    expect(decide(signal(39, "normal"), strict)).toBe("allow");
  });
});

describe("withoutDeviceSignal", () => {
  it("never lets a request without a device signal through unreviewed", () => {
    expect(withoutDeviceSignal("allow")).toBe("review");
    expect(withoutDeviceSignal("review")).toBe("review");
    expect(withoutDeviceSignal("block")).toBe("block");
  });
});

describe("the rule behind a decision", () => {
  it.each([
    [signal(80, "highest"), "block", "score >= 75: block"],
    [signal(70, "elevated"), "review", "score >= 65: review"],
    [signal(12, "normal"), "allow", "score < 65: allow"],
    [signal(99, "not_assessed"), "allow", "risk level not_assessed: allow"],
    [signal(Number.NaN, "highest"), "block", "no score, risk level highest: block"],
    [null, "allow", "no signal (evaluation unavailable): allow"],
  ] as const)("%o: %s by %s", (input, decision, rule) => {
    expect(ruling(input, STRIPE_BANDS)).toEqual({ decision, rule });
  });

  it("names the configured thresholds", () => {
    expect(ruling(signal(50, "normal"), { reviewAtScore: 40, blockAtScore: 60 }).rule).toBe(
      "score >= 40: review",
    );
  });

  it("reads a saved review the signal alone allows as the missing Radar Session", () => {
    expect(explainDecision("review", signal(10, "normal"), STRIPE_BANDS)).toBe(
      "no Radar Session, or a sign-up for this email blocked before: at least review (score < 65: allow)",
    );
    expect(explainDecision("block", signal(90, "highest"), STRIPE_BANDS)).toBe(
      "score >= 75: block",
    );
  });

  it("says so when a saved decision no longer follows from today's thresholds", () => {
    expect(explainDecision("block", signal(70, "elevated"), STRIPE_BANDS)).toMatch(
      /thresholds other than today's/,
    );
  });

  it("decides a payment by Stripe's recommended_action, and fails open without one", () => {
    expect(paymentRuling("block")).toEqual({
      decision: "block",
      rule: "recommended_action block: block",
    });
    expect(paymentRuling("continue").decision).toBe("allow");
    expect(paymentRuling(null)).toEqual({
      decision: "allow",
      rule: "no Payment Evaluation (unavailable): allow",
    });
  });
});

describe("an answer the app cannot read", () => {
  it("is reviewed by default and decided by the configured setting otherwise", () => {
    expect(unreadableRuling(DEFAULT_POLICY)).toEqual({
      decision: "review",
      rule: "unreadable response: review",
    });
    expect(unreadableRuling({ ...DEFAULT_POLICY, unreadableResponse: "block" })).toEqual({
      decision: "block",
      rule: "unreadable response: block",
    });
  });
});
