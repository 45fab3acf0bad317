import { describe, expect, it } from "vitest";
import { parseCheckoutForm } from "@/lib/checkout/checkout-form";

const base = {
  checkout_id: "6f1d8a9e-3c1b-4f7e-9a2d-1b2c3d4e5f60",
  payment_method: "pm_1Abc",
  radar_session: "rse_1Abc",
  "quantity[prod_hoodie]": "2",
  "billing[name]": "Jenny Rosen",
  "billing[email]": "Jenny@Example.com",
  "billing[address][line1]": "510 Townsend St",
  "billing[address][city]": "San Francisco",
  "billing[address][postal_code]": "94103",
  "billing[address][country]": "us",
};

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};

describe("parseCheckoutForm", () => {
  it("reads items, billing details and the browser's IDs", () => {
    expect(parseCheckoutForm(form(base))).toEqual({
      kind: "valid",
      data: {
        checkoutId: base.checkout_id,
        paymentMethod: "pm_1Abc",
        radarSession: "rse_1Abc",
        items: [{ productId: "prod_hoodie", quantity: 2 }],
        billing: {
          name: "Jenny Rosen",
          email: "jenny@example.com",
          phone: undefined,
          address: {
            line1: "510 Townsend St",
            line2: undefined,
            city: "San Francisco",
            state: undefined,
            postal_code: "94103",
            country: "US",
          },
        },
        shipping: undefined,
      },
    });
  });

  it("reads a shipping address when asked to ship elsewhere", () => {
    const result = parseCheckoutForm(
      form({
        ...base,
        ship: "on",
        "shipping[name]": "Jo",
        "shipping[address][line1]": "1 Main St",
        "shipping[address][city]": "Springfield",
        "shipping[address][postal_code]": "12345",
        "shipping[address][country]": "CA",
      }),
    );
    expect(result).toMatchObject({
      kind: "valid",
      data: { shipping: { name: "Jo", address: { line1: "1 Main St", country: "CA" } } },
    });
  });

  it.each([
    [{ "quantity[prod_hoodie]": "0" }, "quantity", "Choose at least one product."],
    [
      { "quantity[prod_hoodie]": "-1" },
      "quantity[prod_hoodie]",
      "Choose a whole number from 0 to 10.",
    ],
    [
      { "quantity[prod_hoodie]": "1.5" },
      "quantity[prod_hoodie]",
      "Choose a whole number from 0 to 10.",
    ],
    [
      { "quantity[prod_hoodie]": "11" },
      "quantity[prod_hoodie]",
      "Choose a whole number from 0 to 10.",
    ],
    [{ payment_method: "" }, "payment_method", "Enter your card details."],
    [{ payment_method: "card_123" }, "payment_method", "Enter your card details."],
    [
      { radar_session: "rse_<script>" },
      "radar_session",
      "The device check sent by your browser is not valid.",
    ],
    [{ "billing[email]": "nope" }, "billing[email]", "Enter a valid email address."],
    [
      { "billing[address][country]": "USA" },
      "billing[address][country]",
      "Use a two-letter country code, like US.",
    ],
    [{ "billing[address][line1]": "" }, "billing[address][line1]", "Enter the street address."],
    [{ checkout_id: "1" }, "checkout_id", "This checkout form is out of date. Reload the page."],
  ])("rejects %o with a message for %s", (override, field, message) => {
    const result = parseCheckoutForm(form({ ...base, ...override }));
    expect(result.kind).toBe("invalid");
    if (result.kind === "invalid") expect(result.fieldErrors[field]).toBe(message);
  });

  it("requires the shipping address only when shipping elsewhere", () => {
    const result = parseCheckoutForm(form({ ...base, ship: "on" }));
    expect(result).toMatchObject({
      kind: "invalid",
      fieldErrors: {
        "shipping[name]": "Enter who the parcel is for.",
        "shipping[address][line1]": "Enter the street address.",
      },
    });
  });
});

describe("parseCheckoutForm against forged forms", () => {
  it("refuses a form without quantities, billing or shipping hash", () => {
    const data = form({ checkout_id: base.checkout_id, payment_method: "pm_1Abc", ship: "on" });
    expect(parseCheckoutForm(data)).toMatchObject({
      kind: "invalid",
      fieldErrors: {
        quantity: "Choose at least one product.",
        "billing[name]": "Enter the name on the card.",
        "billing[address][line1]": "Enter the street address.",
        "shipping[name]": "Enter who the parcel is for.",
      },
    });
  });

  it("ignores prototype keys and reads no amount", () => {
    const result = parseCheckoutForm(
      form({ ...base, "__proto__[admin]": "1", "billing[__proto__][x]": "1", amount: "1" }),
    );
    expect(result.kind).toBe("valid");
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    if (result.kind === "valid") expect(result.data).not.toHaveProperty("amount");
  });

  it("refuses a quantity sent as a nested hash", () => {
    const result = parseCheckoutForm(form({ ...base, "quantity[prod_hoodie][x]": "1" }));
    expect(result.kind).toBe("invalid");
  });
});
