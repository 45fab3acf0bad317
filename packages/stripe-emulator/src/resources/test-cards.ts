import type { ForcedRisk } from "../risk/scoring.ts";

/** How a test card behaves when a PaymentIntent is confirmed with it. */
export type ChargeBehavior =
  | { outcome: "succeed" }
  | { outcome: "decline"; declineCode: string; code?: string; message?: string }
  | { outcome: "three_d_secure" };

export interface TestCard {
  /** Stripe's test PaymentMethod ID suffix: pm_card_<name>. */
  name: string;
  number: string;
  brand: "visa" | "mastercard" | "amex" | "discover";
  country: string;
  funding: "credit" | "debit";
  charge: ChargeBehavior;
  risk?: ForcedRisk;
}

const declined = (
  declineCode: string,
  code = "card_declined",
  message?: string,
): ChargeBehavior => ({
  outcome: "decline",
  declineCode,
  code,
  message,
});

/** Stripe's documented test cards (docs.stripe.com/testing, docs.stripe.com/radar/testing). */
export const TEST_CARDS: TestCard[] = [
  {
    name: "visa",
    number: "4242424242424242",
    brand: "visa",
    country: "US",
    funding: "credit",
    charge: { outcome: "succeed" },
  },
  {
    name: "visa_debit",
    number: "4000056655665556",
    brand: "visa",
    country: "US",
    funding: "debit",
    charge: { outcome: "succeed" },
  },
  {
    name: "mastercard",
    number: "5555555555554444",
    brand: "mastercard",
    country: "US",
    funding: "credit",
    charge: { outcome: "succeed" },
  },
  {
    name: "amex",
    number: "378282246310005",
    brand: "amex",
    country: "US",
    funding: "credit",
    charge: { outcome: "succeed" },
  },
  {
    name: "discover",
    number: "6011111111111117",
    brand: "discover",
    country: "US",
    funding: "credit",
    charge: { outcome: "succeed" },
  },
  {
    name: "gb",
    number: "4000008260000000",
    brand: "visa",
    country: "GB",
    funding: "credit",
    charge: { outcome: "succeed" },
  },
  {
    name: "chargeDeclined",
    number: "4000000000000002",
    brand: "visa",
    country: "US",
    funding: "credit",
    charge: declined("generic_decline"),
  },
  {
    name: "chargeDeclinedInsufficientFunds",
    number: "4000000000009995",
    brand: "visa",
    country: "US",
    funding: "credit",
    charge: declined("insufficient_funds", "card_declined", "Your card has insufficient funds."),
  },
  {
    name: "chargeDeclinedLostCard",
    number: "4000000000009987",
    brand: "visa",
    country: "US",
    funding: "credit",
    charge: declined("lost_card"),
  },
  {
    name: "chargeDeclinedStolenCard",
    number: "4000000000009979",
    brand: "visa",
    country: "US",
    funding: "credit",
    charge: declined("stolen_card"),
  },
  {
    name: "chargeDeclinedExpiredCard",
    number: "4000000000000069",
    brand: "visa",
    country: "US",
    funding: "credit",
    charge: declined("expired_card", "expired_card", "Your card has expired."),
  },
  {
    name: "chargeDeclinedIncorrectCvc",
    number: "4000000000000127",
    brand: "visa",
    country: "US",
    funding: "credit",
    charge: declined("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
  },
  {
    name: "chargeDeclinedProcessingError",
    number: "4000000000000119",
    brand: "visa",
    country: "US",
    funding: "credit",
    charge: declined(
      "processing_error",
      "processing_error",
      "An error occurred while processing your card. Try again in a little bit.",
    ),
  },
  {
    name: "chargeDeclinedFraudulent",
    number: "4100000000000019",
    brand: "visa",
    country: "US",
    funding: "credit",
    charge: declined("fraudulent"),
    risk: "highest_blocked",
  },
  {
    name: "riskLevelHighest",
    number: "4000000000004954",
    brand: "visa",
    country: "US",
    funding: "credit",
    charge: declined("fraudulent"),
    risk: "highest",
  },
  {
    name: "riskLevelElevated",
    number: "4000000000009235",
    brand: "visa",
    country: "US",
    funding: "credit",
    charge: { outcome: "succeed" },
    risk: "elevated",
  },
  {
    name: "threeDSecureRequired",
    number: "4000002500003155",
    brand: "visa",
    country: "US",
    funding: "credit",
    charge: { outcome: "three_d_secure" },
  },
  {
    name: "threeDSecure2Required",
    number: "4000000000003220",
    brand: "visa",
    country: "US",
    funding: "credit",
    charge: { outcome: "three_d_secure" },
  },
  {
    name: "authenticationRequired",
    number: "4000002760003184",
    brand: "visa",
    country: "US",
    funding: "credit",
    charge: { outcome: "three_d_secure" },
  },
];

const byNumber = new Map(TEST_CARDS.map((card) => [card.number, card]));
const byName = new Map(TEST_CARDS.map((card) => [card.name, card]));

export function testCardByNumber(number: string): TestCard | undefined {
  return byNumber.get(number);
}

/** `pm_card_visa` → the visa test card. */
export function testCardByPaymentMethodId(id: string): TestCard | undefined {
  return id.startsWith("pm_card_") ? byName.get(id.slice("pm_card_".length)) : undefined;
}

export function luhnValid(number: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = number.length - 1; i >= 0; i--) {
    let digit = number.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** A card number that is not a listed test card: brand from its prefix, succeeds when charged. */
export function genericCard(number: string): TestCard {
  const brand = /^3[47]/.test(number)
    ? "amex"
    : /^(5[1-5]|2[2-7])/.test(number)
      ? "mastercard"
      : /^6/.test(number)
        ? "discover"
        : "visa";
  return {
    name: "generic",
    number,
    brand,
    country: "US",
    funding: "credit",
    charge: { outcome: "succeed" },
  };
}
