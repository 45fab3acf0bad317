import type { Expansions } from "../http/expand.ts";
import type { Store } from "../store/store.ts";

/** Stripe's expandable fields, by object type, among the objects the emulator keeps. */
const EXPANDABLE_FIELDS: Record<string, readonly string[]> = {
  customer: ["invoice_settings.default_payment_method"],
  payment_intent: ["customer", "payment_method", "latest_charge"],
  payment_method: ["customer"],
  charge: ["customer", "payment_intent"],
  refund: ["charge", "payment_intent"],
  dispute: ["charge", "payment_intent"],
  "radar.early_fraud_warning": ["charge", "payment_intent"],
};

/** The store kind holding the objects an ID prefix names. */
const KIND_BY_PREFIX: Record<string, string> = {
  cus: "customer",
  pm: "payment_method",
  pi: "payment_intent",
  ch: "charge",
  re: "refund",
  du: "dispute",
  issfr: "radar.early_fraud_warning",
};

/** Expansion over the store: an ID is looked up in the kind its prefix names. */
export function storeExpansions(store: Store): Expansions {
  return {
    fields: EXPANDABLE_FIELDS,
    lookup(id) {
      const kind = KIND_BY_PREFIX[id.slice(0, id.indexOf("_"))];
      const entry = kind === undefined ? undefined : store.getOf(kind, id);
      return entry ? (JSON.parse(entry.json) as Record<string, unknown>) : undefined;
    },
  };
}
