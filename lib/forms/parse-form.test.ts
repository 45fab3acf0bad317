import { describe, expect, it } from "vitest";
import { registrationForm } from "@/lib/accounts/forms";
import { parseCheckoutForm } from "@/lib/checkout/checkout-form";
import { parseForm, textFields, UNTYPABLE_CHARACTER } from "@/lib/forms/parse-form";

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.append(key, value);
  return data;
};

describe("textFields", () => {
  it("keeps ordinary text, tabs and line breaks", () => {
    expect(textFields(form({ name: "Jenny\tRosen", note: "two\r\nlines" }))).toEqual({
      kind: "valid",
      values: { name: "Jenny\tRosen", note: "two\r\nlines" },
    });
  });

  it.each(["\u0000", "\u0007", "\u001b", "\u007f"])("refuses %j as a field error", (character) => {
    expect(textFields(form({ name: `Jenny${character}`, email: "ok@example.com" }))).toEqual({
      kind: "invalid",
      fieldErrors: { name: UNTYPABLE_CHARACTER },
    });
  });
});

describe("forms with a NUL byte", () => {
  it("refuses a registration before any schema or Stripe call", () => {
    const parsed = parseForm(
      registrationForm,
      form({
        name: "Jenny\u0000",
        email: "jenny@example.com",
        password: "a long and unusual passphrase",
      }),
    );
    expect(parsed).toEqual({ kind: "invalid", fieldErrors: { name: UNTYPABLE_CHARACTER } });
  });

  it("refuses a checkout address line", () => {
    const parsed = parseCheckoutForm(form({ billing_line1: "1 Main St\u0000", quantity_x: "1" }));
    expect(parsed).toEqual({
      kind: "invalid",
      fieldErrors: { billing_line1: UNTYPABLE_CHARACTER },
    });
  });
});
