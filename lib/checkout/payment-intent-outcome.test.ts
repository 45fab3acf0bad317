import { describe, expect, it } from "vitest";
import { declineCodeFor, threeDSecureResultFor } from "@/lib/checkout/payment-intent-outcome";

type Status = "requires_action" | "requires_payment_method" | "succeeded" | "processing";
const intent = (status: Status, error?: { code?: string; decline_code?: string }) =>
  ({ status, last_payment_error: error ?? null }) as Parameters<typeof declineCodeFor>[0];

describe("declineCodeFor", () => {
  it("prefers the issuer's decline code, then Stripe's error code", () => {
    expect(
      declineCodeFor(
        intent("requires_payment_method", {
          code: "card_declined",
          decline_code: "insufficient_funds",
        }),
      ),
    ).toBe("insufficient_funds");
    expect(
      declineCodeFor(
        intent("requires_payment_method", { code: "payment_intent_authentication_failure" }),
      ),
    ).toBe("payment_intent_authentication_failure");
    expect(declineCodeFor(intent("requires_payment_method"))).toBeNull();
  });

  it("has none once the payment went through, whatever error an earlier try left", () => {
    expect(declineCodeFor(intent("succeeded", { code: "card_declined" }))).toBeNull();
  });
});

describe("threeDSecureResultFor", () => {
  it.each([
    [null, intent("requires_action"), "required"],
    ["required", intent("succeeded"), "authenticated"],
    ["required", intent("processing"), "authenticated"],
    [
      "required",
      intent("requires_payment_method", { code: "payment_intent_authentication_failure" }),
      "failed",
    ],
    ["required", intent("requires_payment_method"), "failed"],
    ["required", intent("requires_action"), "required"],
    [null, intent("succeeded"), null],
    [null, intent("requires_payment_method", { code: "card_declined" }), null],
    ["authenticated", intent("succeeded"), "authenticated"],
  ] as const)("%s, then %o: %s", (before, now, expected) => {
    expect(threeDSecureResultFor(before, now)).toBe(expected);
  });
});
