import { describe, expect, it } from "vitest";
import { parseCheckoutForm } from "@/lib/checkout/checkout-form";

const base = {
  checkout_id: "6f1d8a9e-3c1b-4f7e-9a2d-1b2c3d4e5f60",
  payment_method: "pm_1Abc",
  radar_session: "rse_1Abc",
  quantity_prod_hoodie: "2",
  billing_name: "Jenny Rosen",
  billing_email: "Jenny@Example.com",
  billing_line1: "510 Townsend St",
  billing_city: "San Francisco",
  billing_postal_code: "94103",
  billing_country: "us",
};

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};

describe("parseCheckoutForm", () => {
  it("reads items, billing details and the browser's IDs", () => {
    expect(parseCheckoutForm(form(base))).toEqual({
      ok: true,
      form: {
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
        shipping_name: "Jo",
        shipping_line1: "1 Main St",
        shipping_city: "Springfield",
        shipping_postal_code: "12345",
        shipping_country: "CA",
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      form: { shipping: { name: "Jo", address: { line1: "1 Main St", country: "CA" } } },
    });
  });

  it.each([
    [{ quantity_prod_hoodie: "0" }, "items", "Choose at least one product."],
    [{ quantity_prod_hoodie: "-1" }, "quantity_prod_hoodie", "Choose a whole number from 0 to 10."],
    [
      { quantity_prod_hoodie: "1.5" },
      "quantity_prod_hoodie",
      "Choose a whole number from 0 to 10.",
    ],
    [{ quantity_prod_hoodie: "11" }, "quantity_prod_hoodie", "Choose a whole number from 0 to 10."],
    [{ payment_method: "" }, "payment_method", "Enter your card details."],
    [{ payment_method: "card_123" }, "payment_method", "Enter your card details."],
    [
      { radar_session: "rse_<script>" },
      "radar_session",
      "The device check sent by your browser is not valid.",
    ],
    [{ billing_email: "nope" }, "billing_email", "Enter a valid email address."],
    [{ billing_country: "USA" }, "billing_country", "Use a two-letter country code, like US."],
    [{ billing_line1: "" }, "billing_line1", "Enter the street address."],
    [{ checkout_id: "1" }, "checkout_id", "This checkout form is out of date. Reload the page."],
  ])("rejects %o with a message for %s", (override, field, message) => {
    const result = parseCheckoutForm(form({ ...base, ...override }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors[field]).toBe(message);
  });

  it("requires the shipping address only when shipping elsewhere", () => {
    const result = parseCheckoutForm(form({ ...base, ship: "on" }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        shipping_name: "Enter who the parcel is for.",
        shipping_line1: "Enter the street address.",
      },
    });
  });
});
