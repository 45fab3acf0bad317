/** Formats an amount in the currency's smallest unit, e.g. 1200 usd -> $12.00. */
export function formatMoney(amount: number, currency: string): string {
  const formatter = new Intl.NumberFormat("en-US", { style: "currency", currency });
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(amount / 10 ** digits);
}
