import type { ForcedRisk } from "../risk/scoring.ts";

/** What the issuer answers when the card is charged (after 3D Secure, when the card needs it). */
export type ChargeBehavior =
  | { outcome: "succeed" }
  | { outcome: "decline"; code: string; declineCode?: string; message: string };

export type CheckResult = "pass" | "fail" | "unavailable";

export interface CardChecks {
  cvc_check?: CheckResult;
  address_postal_code_check?: CheckResult;
  address_line1_check?: CheckResult;
}

/** A dispute the card's issuer opens once the charge is captured. */
export interface DisputeBehavior {
  reason: string;
  /** An inquiry (`warning_needs_response`) rather than a chargeback (`needs_response`). */
  inquiry?: boolean;
  enhancedEligibility?: string[];
}

export interface TestCard {
  /** Stripe's test PaymentMethod IDs for the card, without `pm_card_` (`tok_` + one is its token). */
  ids: string[];
  number: string;
  brand: "visa" | "mastercard" | "amex" | "discover" | "diners" | "jcb" | "unionpay";
  country: string;
  funding: "credit" | "debit" | "prepaid";
  charge: ChargeBehavior;
  /** The card asks for 3D Secure before the issuer answers. */
  threeDSecure?: boolean;
  risk?: ForcedRisk;
  /** Check results that are not `pass` when the value is given. */
  checks?: CardChecks;
  disputes?: DisputeBehavior[];
  /** The `fraud_type` of the early fraud warning the issuer sends after the charge. */
  earlyFraudWarning?: string;
  /** The status a refund of the charge starts in (`succeeded` otherwise). */
  refundStatus?: "pending";
}

const SUCCEED: ChargeBehavior = { outcome: "succeed" };
const DECLINED = "Your card was declined.";

const declined = (declineCode: string, message = DECLINED): ChargeBehavior => ({
  outcome: "decline",
  code: "card_declined",
  declineCode,
  message,
});

/** Errors whose code says it all: Stripe sends no `decline_code` with them. */
const failed = (code: string, message: string): ChargeBehavior => ({
  outcome: "decline",
  code,
  message,
});

export function brandOf(number: string): TestCard["brand"] {
  if (/^3[47]/.test(number)) return "amex";
  if (/^3(0[0-5]|[68])/.test(number)) return "diners";
  if (/^35/.test(number)) return "jcb";
  if (/^62/.test(number)) return "unionpay";
  if (/^(5[1-5]|2[2-7])/.test(number)) return "mastercard";
  if (/^6/.test(number)) return "discover";
  return "visa";
}

/** A row of the table: a US credit card of the number's brand that succeeds, unless told. */
function card(number: string, ids: string[], traits: Partial<TestCard> = {}): TestCard {
  return {
    ids,
    number,
    brand: brandOf(number),
    country: "US",
    funding: "credit",
    charge: SUCCEED,
    ...traits,
  };
}

const dispute = (reason: string, extra: Omit<DisputeBehavior, "reason"> = {}) => [
  { reason, ...extra },
];

/** Stripe's cards by country: `pm_card_<country>` and its number, each a Visa credit card. */
const BY_COUNTRY: Array<[string, string]> = Object.entries({
  // Americas
  ar: "4000000320000021",
  br: "4000000760000002",
  ca: "4000001240000000",
  cl: "4000001520000001",
  co: "4000001700000003",
  cr: "4000001880000005",
  ec: "4000002180000000",
  mx: "4000004840008001",
  pa: "4000005910000000",
  py: "4000006000000066",
  pe: "4000006040000068",
  uy: "4000008580000003",
  // Europe and Middle East
  at: "4000000400000008",
  be: "4000000560000004",
  bg: "4000001000000000",
  by: "4000001120000005",
  cy: "4000001960000008",
  cz: "4000002030000002",
  dk: "4000002080000001",
  fi: "4000002460000001",
  fr: "4000002500000003",
  de: "4000002760000016",
  gr: "4000003000000030",
  hu: "4000003480000005",
  ie: "4000003720000005",
  it: "4000003800000008",
  lv: "4000004280000005",
  lt: "4000004400000000",
  lu: "4000004420000006",
  mt: "4000004700000007",
  nl: "4000005280000002",
  no: "4000005780000007",
  pl: "4000006160000005",
  pt: "4000006200000007",
  ro: "4000006420000001",
  sa: "4000006820000007",
  si: "4000007050000006",
  sk: "4000007030000001",
  es: "4000007240000007",
  se: "4000007520000008",
  ch: "4000007560000009",
  gb: "4000008260000000",
  // Asia Pacific
  au: "4000000360000006",
  cn: "4000001560000002",
  hk: "4000003440000004",
  in: "4000003560000008",
  jp: "4000003920000003",
  my: "4000004580000002",
  nz: "4000005540000008",
  sg: "4000007020000003",
  tw: "4000001580000008",
});

/** Stripe's card test values (docs.stripe.com/testing), section by section. */
export const TEST_CARDS: TestCard[] = [
  // Cards by brand
  card("4242424242424242", ["visa", "us"]),
  card("4000056655665556", ["visa_debit"], { funding: "debit" }),
  card("5555555555554444", ["mastercard"]),
  card("2223003122003222", []),
  card("5200828282828210", ["mastercard_debit"], { funding: "debit" }),
  card("5105105105105100", ["mastercard_prepaid"], { funding: "prepaid" }),
  card("378282246310005", ["amex", "amex_threeDSecureNotSupported"]),
  card("371449635398431", []),
  card("6011111111111117", ["discover"]),
  card("6011000990139424", []),
  card("6011981111111113", [], { funding: "debit" }),
  card("3056930009020004", ["diners"]),
  card("36227206271667", []),
  card("3566002020360505", ["jcb"], { country: "JP" }),
  card("6200000000000005", ["unionpay"], { country: "CN" }),
  card("6200000000000047", [], { country: "CN", funding: "debit" }),
  card("6205500000000000004", [], { country: "CN" }),
  // Cards by country
  ...BY_COUNTRY.map(([country, number]) =>
    card(number, [country], { country: country.toUpperCase() }),
  ),
  card("4000058260000005", ["gb_debit"], { country: "GB", funding: "debit" }),
  card("5555558265554449", ["gb_mastercard"], { country: "GB" }),
  card("3530111333300000", [], { country: "JP" }),
  card("4000007640000003", ["th_credit"], { country: "TH" }),
  card("4000057640000008", ["th_debit"], { country: "TH", funding: "debit" }),
  // Declined payments
  card("4000000000000002", ["visa_chargeDeclined", "chargeDeclined"], {
    charge: declined("generic_decline"),
  }),
  card(
    "4000000000009995",
    ["visa_chargeDeclinedInsufficientFunds", "chargeDeclinedInsufficientFunds"],
    {
      charge: declined("insufficient_funds", "Your card has insufficient funds."),
    },
  ),
  card("4000000000009987", ["visa_chargeDeclinedLostCard", "chargeDeclinedLostCard"], {
    charge: declined("lost_card"),
  }),
  card("4000000000009979", ["visa_chargeDeclinedStolenCard", "chargeDeclinedStolenCard"], {
    charge: declined("stolen_card"),
  }),
  card("4000000000000069", ["chargeDeclinedExpiredCard"], {
    charge: failed("expired_card", "Your card has expired."),
  }),
  card("4000000000000127", ["chargeDeclinedIncorrectCvc"], {
    charge: failed("incorrect_cvc", "Your card's security code is incorrect."),
  }),
  card("4000000000000119", ["chargeDeclinedProcessingError"], {
    charge: failed(
      "processing_error",
      "An error occurred while processing your card. Try again in a little bit.",
    ),
  }),
  card("4000000000006975", ["visa_chargeDeclinedVelocityLimitExceeded"], {
    charge: declined(
      "card_velocity_exceeded",
      "Your card was declined for making repeated attempts too frequently or exceeding its amount limit.",
    ),
  }),
  card("4000000000000341", ["chargeCustomerFail"], { charge: declined("generic_decline") }),
  // Fraud prevention: Radar blocks `highest` (its default rule); the rest only shows in checks
  card("4100000000000019", ["radarBlock", "chargeDeclinedFraudulent"], { risk: "highest_blocked" }),
  card("4000000000004954", ["riskLevelHighest"], { risk: "highest" }),
  card("4000000000009235", ["riskLevelElevated"], { risk: "elevated" }),
  card("4000000000000101", ["cvcCheckFail"], { checks: { cvc_check: "fail" } }),
  card("4000000000000036", ["avsZipFail"], { checks: { address_postal_code_check: "fail" } }),
  card("4000058400307872", ["cvcCheckFailElevatedRisk"], {
    checks: { cvc_check: "fail" },
    risk: "elevated",
  }),
  card("4000058400306072", ["avsZipFailElevatedRisk"], {
    checks: { address_postal_code_check: "fail" },
    risk: "elevated",
  }),
  card("4000000000000028", ["avsLine1Fail"], { checks: { address_line1_check: "fail" } }),
  card("4000000000000010", ["avsFail"], {
    checks: { address_line1_check: "fail", address_postal_code_check: "fail" },
  }),
  card("4000000000000044", ["avsUnchecked"], {
    checks: { address_line1_check: "unavailable", address_postal_code_check: "unavailable" },
  }),
  // Disputes and early fraud warnings
  card("4000000000000259", ["createDispute"], { disputes: dispute("fraudulent") }),
  card("4000000000002685", ["createDisputeProductNotReceived"], {
    disputes: dispute("product_not_received"),
  }),
  card("4000000000001976", ["createDisputeInquiry"], {
    disputes: dispute("fraudulent", { inquiry: true }),
  }),
  card("4000000000005423", ["createIssuerFraudRecord"], {
    earlyFraudWarning: "made_with_stolen_card",
  }),
  card("4000000404000079", ["createMultipleDisputes"], {
    disputes: [...dispute("fraudulent"), ...dispute("fraudulent")],
  }),
  card("4000000404000038", ["createCe3EligibleDispute"], {
    disputes: dispute("fraudulent", { enhancedEligibility: ["visa_compelling_evidence_3"] }),
  }),
  card("4000008400000779", ["createComplianceDispute"], {
    disputes: dispute("noncompliant", { enhancedEligibility: ["visa_compliance"] }),
  }),
  // Refunds
  card("4000000000007726", ["pendingRefund"], { refundStatus: "pending" }),
  card("4000000000005126", ["refundFail"]),
  // Available balance
  card("4000000000000077", ["bypassPending"]),
  card("4000003720000278", ["bypassPendingInternational"], { country: "IE" }),
  // 3D Secure
  card("4000002500003155", ["threeDSecureRequired", "authenticationRequiredOnSetup"], {
    threeDSecure: true,
  }),
  card("4000002760003184", ["authenticationRequired"], { threeDSecure: true }),
  card("4000003800000446", ["authenticationRequiredSetupForOffSession"], { threeDSecure: true }),
  card("4000008260003178", ["authenticationRequiredChargeDeclinedInsufficientFunds"], {
    threeDSecure: true,
    charge: declined("insufficient_funds", "Your card has insufficient funds."),
  }),
  card("4000000000003220", ["threeDSecure2Required"], { threeDSecure: true }),
  card("4000008400001629", ["threeDSecureRequiredChargeDeclined"], {
    threeDSecure: true,
    charge: declined("generic_decline"),
  }),
  card("4000000000003055", ["threeDSecureOptional"]),
];

const byNumber = new Map(TEST_CARDS.map((testCard) => [testCard.number, testCard]));
const byId = new Map(TEST_CARDS.flatMap((testCard) => testCard.ids.map((id) => [id, testCard])));

export function testCardByNumber(number: string): TestCard | undefined {
  return byNumber.get(number);
}

/** `pm_card_visa` → the visa test card. */
export function testCardByPaymentMethodId(id: string): TestCard | undefined {
  return id.startsWith("pm_card_") ? byId.get(id.slice("pm_card_".length)) : undefined;
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
  return card(number, []);
}
