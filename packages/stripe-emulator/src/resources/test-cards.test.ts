import { describe, expect, it } from "vitest";
import { luhnValid, TEST_CARDS, testCardByPaymentMethodId } from "./test-cards.ts";

describe("test cards", () => {
  it("are all valid card numbers", () => {
    for (const card of TEST_CARDS) expect(luhnValid(card.number), card.number).toBe(true);
  });

  it("rejects a number with a wrong check digit", () => {
    expect(luhnValid("4242424242424241")).toBe(false);
  });

  it("resolves Stripe's pm_card_ IDs", () => {
    expect(testCardByPaymentMethodId("pm_card_riskLevelHighest")?.number).toBe("4000000000004954");
    expect(testCardByPaymentMethodId("pm_card_chargeDeclinedFraudulent")?.risk).toBe(
      "highest_blocked",
    );
    expect(testCardByPaymentMethodId("pm_card_nope")).toBeUndefined();
  });
});
