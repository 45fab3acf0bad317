import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import type { CheckoutForm } from "@/lib/checkout/checkout-form";
import type { Prisma } from "@/lib/generated/prisma/client";

export const TEST_BILLING: CheckoutForm["billing"] = {
  name: "Jenny Rosen",
  email: "jenny@example.com",
  address: { line1: "510 Townsend St", city: "San Francisco", postal_code: "94103", country: "US" },
};

/** A parsed checkout form for one hoodie with Stripe's test Visa, as a fresh page would send. */
export function testCheckoutForm(overrides: Partial<CheckoutForm> = {}): CheckoutForm {
  return {
    checkoutId: randomUUID(),
    paymentMethod: "pm_card_visa",
    radarSession: undefined,
    items: [{ productId: "prod_hoodie", quantity: 1 }],
    billing: TEST_BILLING,
    shipping: undefined,
    ...overrides,
  };
}

/** A saved order's fields for one 12 USD notebook, as tests write it straight to the database. */
export function testOrderData(
  userId: string,
  overrides: Partial<Prisma.OrderUncheckedCreateInput> = {},
): Prisma.OrderUncheckedCreateInput {
  return {
    checkoutId: randomUUID(),
    userId,
    amount: 1_200,
    currency: "usd",
    description: "1 × Field notes",
    billingDetails: {},
    ...overrides,
  };
}

/**
 * The payment attempt checkout leaves for Stripe's test Visa, Radar letting it through. The test
 * ID makes a new PaymentMethod of the same card at each use: its fingerprint is what matches.
 */
export async function evaluatedVisaAttempt(stripe: Stripe) {
  const card = await stripe.paymentMethods.retrieve("pm_card_visa");
  return {
    paymentMethod: "pm_card_visa",
    cardFingerprint: card.card?.fingerprint ?? null,
    decision: "allow" as const,
  };
}
