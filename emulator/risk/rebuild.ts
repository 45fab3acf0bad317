import type { CustomerEvaluationMeta } from "../resources/customer-evaluations";
import type { Customer } from "../resources/customers";
import type { PaymentEvaluationMeta } from "../resources/payment-evaluations";
import type { Store } from "../store/store";
import type { RiskHistory } from "./history";

/** Replays stored customers and evaluations, oldest first, into the risk model's indexes. */
export function rebuildRiskHistory(store: Store, risk: RiskHistory): void {
  risk.clear();
  for (const entry of store.oldestFirst("customer")) {
    const customer = JSON.parse(entry.json) as Customer;
    risk.recordCustomer(customer.id, customer.email, customer.phone);
  }
  for (const entry of store.oldestFirst("radar.customer_evaluation")) {
    if (entry.meta)
      risk.recordCustomerEvaluation((JSON.parse(entry.meta) as CustomerEvaluationMeta).facts);
  }
  for (const entry of store.oldestFirst("radar.payment_evaluation")) {
    if (entry.meta) risk.recordPayment((JSON.parse(entry.meta) as PaymentEvaluationMeta).facts);
  }
}
