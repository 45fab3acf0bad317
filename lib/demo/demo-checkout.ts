import type { CheckoutForm } from "@/lib/checkout/checkout-form";

/** A checkout form as the page sends it: one product, billed to the buyer in San Francisco. */
export function demoCheckoutForm(
  buyer: { name: string; email: string },
  paymentMethod: string,
  radarSession: string | undefined,
  productId = "prod_hoodie",
): CheckoutForm {
  return {
    checkoutId: crypto.randomUUID(),
    paymentMethod,
    radarSession,
    items: [{ productId, quantity: 1 }],
    billing: {
      name: buyer.name,
      email: buyer.email,
      address: {
        line1: "510 Townsend St",
        city: "San Francisco",
        postal_code: "94103",
        country: "US",
      },
    },
    shipping: undefined,
  };
}
