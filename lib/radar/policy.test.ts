import { describe, expect, it } from "vitest";
import { decide, STRIPE_BANDS, withoutDeviceSignal } from "@/lib/radar/policy";
import type { RiskLevel } from "@/lib/radar/signals";

const signal = (score: number, risk_level: RiskLevel | null) => ({ score, risk_level });

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
