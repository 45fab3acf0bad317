import { describe, expect, it } from "vitest";
import { operatorAccess } from "@/lib/auth/operator-rule";
import { loadConfig } from "@/lib/config/load-config";

describe("operatorAccess", () => {
  it("is open to anyone with the emulator (a local demo)", () => {
    expect(operatorAccess("emulator", null)).toEqual({ kind: "allowed" });
    expect(operatorAccess("emulator", { email: "someone@example.com", operator: false })).toEqual({
      kind: "allowed",
    });
  });

  it("with Stripe keys, refuses anonymous visitors and asks them to sign in", () => {
    expect(operatorAccess("stripe", null)).toMatchObject({ kind: "refused", reason: "sign_in" });
  });

  it("with Stripe keys, refuses a signed-in user not granted the right, and says how it is granted", () => {
    const access = operatorAccess("stripe", { email: "ops@example.com", operator: false });
    expect(access).toMatchObject({
      kind: "refused",
      reason: "not_operator",
      message: expect.stringContaining("npm run operator -- grant <email>"),
    });
  });

  it("with Stripe keys, allows a user granted the right", () => {
    expect(operatorAccess("stripe", { email: "ops@example.com", operator: true })).toEqual({
      kind: "allowed",
    });
  });
});

describe("OPERATOR_EMAILS", () => {
  it("stops the server, saying how operators are granted now", () => {
    expect(() =>
      loadConfig({
        STRIPE_SECRET_KEY: "sk_test_x",
        STRIPE_PUBLISHABLE_KEY: "pk_test_x",
        OPERATOR_EMAILS: "ops@example.com",
      }),
    ).toThrow(/OPERATOR_EMAILS.*npm run operator -- grant/);
  });
});
