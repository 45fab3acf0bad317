import { invalidRequest } from "../http/errors.ts";

/**
 * Stripe's minimum charge amounts in minor units, with the text its error shows
 * (docs.stripe.com/currencies#minimum-and-maximum-charge-amounts). Currencies absent from
 * Stripe's table have no minimum here.
 */
const MINIMUMS: Record<string, [number, string]> = {
  usd: [50, "$0.50"],
  aed: [200, "2.00 د.إ"],
  aud: [50, "$0.50"],
  bgn: [100, "лв1.00"],
  brl: [50, "R$0.50"],
  cad: [50, "$0.50"],
  chf: [50, "0.50 Fr"],
  czk: [1500, "15.00Kč"],
  dkk: [250, "2.50-kr."],
  eur: [50, "€0.50"],
  gbp: [30, "£0.30"],
  hkd: [400, "$4.00"],
  huf: [17500, "175.00 Ft"],
  inr: [50, "₹0.50"],
  jpy: [50, "¥50"],
  mxn: [1000, "$10"],
  myr: [200, "RM 2"],
  nok: [300, "3.00-kr."],
  nzd: [50, "$0.50"],
  pln: [200, "2.00 zł"],
  ron: [200, "lei2.00"],
  sek: [300, "3.00-kr."],
  sgd: [50, "$0.50"],
  thb: [1000, "฿10"],
};

/** Refuses an amount below the currency's minimum, as Stripe does (`amount_too_small`). */
export function checkAmountMinimum(amount: number, currency: string): void {
  const minimum = MINIMUMS[currency];
  if (minimum && amount < minimum[0]) {
    throw invalidRequest(
      `Amount must be at least ${minimum[1]} ${currency}`,
      "amount_too_small",
      "amount",
    );
  }
}
