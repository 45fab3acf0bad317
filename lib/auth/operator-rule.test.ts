import { describe, expect, it } from "vitest";
import { operatorAccess } from "@/lib/auth/operator-rule";
import { loadConfig } from "@/lib/config/load-config";

const OPERATORS = ["ops@example.com"];

describe("operatorAccess", () => {
  it("is open to anyone with the emulator (a local demo)", () => {
    expect(operatorAccess("emulator", [], null)).toEqual({ kind: "allowed" });
    expect(operatorAccess("emulator", OPERATORS, { email: "someone@example.com" })).toEqual({
      kind: "allowed",
    });
  });

  it("with Stripe keys, refuses anonymous visitors and asks them to sign in", () => {
    expect(operatorAccess("stripe", OPERATORS, null)).toMatchObject({
      kind: "refused",
      reason: "sign_in",
    });
  });

  it("with Stripe keys, refuses a signed-in user who is not listed", () => {
    const access = operatorAccess("stripe", OPERATORS, { email: "mallory@example.com" });
    expect(access).toMatchObject({ kind: "refused", reason: "not_operator" });
    expect(operatorAccess("stripe", [], { email: "ops@example.com" })).toMatchObject({
      kind: "refused",
    });
  });

  it("with Stripe keys, allows a listed operator, whatever the case of the email", () => {
    expect(operatorAccess("stripe", OPERATORS, { email: "Ops@Example.com" })).toEqual({
      kind: "allowed",
    });
  });
});

describe("OPERATOR_EMAILS", () => {
  const stripeKeys = { STRIPE_SECRET_KEY: "sk_test_x", STRIPE_PUBLISHABLE_KEY: "pk_test_x" };

  it("is a comma-separated list, trimmed and lower-cased; unset is nobody", () => {
    expect(
      loadConfig({ ...stripeKeys, OPERATOR_EMAILS: " Ops@Example.com, b@example.com ,," })
        .operatorEmails,
    ).toEqual(["ops@example.com", "b@example.com"]);
    expect(loadConfig(stripeKeys).operatorEmails).toEqual([]);
  });

  it("stops the server on something that is not an email", () => {
    expect(() =>
      loadConfig({ ...stripeKeys, OPERATOR_EMAILS: "ops@example.com, not-an-email" }),
    ).toThrow(/OPERATOR_EMAILS/);
  });
});
