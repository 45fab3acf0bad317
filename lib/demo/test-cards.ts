/**
 * Stripe's test cards the demo uses (docs.stripe.com/testing and /radar/testing), with the test
 * PaymentMethod each stands for. Any future expiry date and any CVC work.
 */
export const DEMO_TEST_CARDS = [
  {
    number: "4242 4242 4242 4242",
    paymentMethod: "pm_card_visa",
    effect: "normal risk: Radar says continue and the payment succeeds",
  },
  {
    number: "4000 0000 0000 9235",
    paymentMethod: "pm_card_riskLevelElevated",
    effect: "elevated risk: continued and charged",
  },
  {
    number: "4000 0000 0000 4954",
    paymentMethod: "pm_card_riskLevelHighest",
    effect: "highest risk: Radar recommends block, no charge is made",
  },
  {
    number: "4000 0000 0000 0002",
    paymentMethod: "pm_card_chargeDeclined",
    effect: "declined by the issuer: pay again with another card",
  },
  {
    number: "4000 0025 0000 3155",
    paymentMethod: "pm_card_threeDSecureRequired",
    effect: "asks for 3D Secure in the browser",
  },
] as const;

/** The cards the risky-payment scenario pays with from its buttons. */
export const SCENARIO_CARDS = DEMO_TEST_CARDS.slice(0, 3);
