import {
  customerEvaluationFacts,
  decodeCustomerEvaluation,
} from "../resources/customer-evaluation-record.ts";
import type { Customer } from "../resources/customers.ts";
import type { PaymentEvaluationMeta } from "../resources/payment-evaluations.ts";
import type { RadarSessionMeta } from "../resources/radar-sessions.ts";
import type { Store } from "../store/store.ts";
import type { DeviceFacts, RiskHistory } from "./history.ts";

/** Replays stored customers and evaluations, oldest first, into the risk model's indexes. */
export function rebuildRiskHistory(store: Store, risk: RiskHistory): void {
  risk.clear();
  for (const entry of store.oldestFirst("customer")) {
    const customer = JSON.parse(entry.json) as Customer;
    risk.recordCustomer(customer.id, customer.email, customer.phone);
  }
  const devices = new Map<string, DeviceFacts | null>();
  const deviceOf = (radarSession: string): DeviceFacts | null => {
    let device = devices.get(radarSession);
    if (device === undefined) {
      const meta = store.get(radarSession)?.meta;
      const session = meta ? (JSON.parse(meta) as RadarSessionMeta) : null;
      device = session
        ? { device: session.device, ip: session.ip, timezone: session.timezone }
        : null;
      devices.set(radarSession, device);
    }
    return device;
  };
  for (const entry of store.oldestFirst("radar.customer_evaluation")) {
    const record = decodeCustomerEvaluation(entry.json);
    const device = record.radar_session ? deviceOf(record.radar_session) : record.client_device;
    risk.recordCustomerEvaluation(customerEvaluationFacts(record, device));
    if (record.identity)
      risk.recordCustomer(record.id, record.identity.email, record.identity.phone);
  }
  for (const entry of store.oldestFirst("radar.payment_evaluation")) {
    if (entry.meta) risk.recordPayment((JSON.parse(entry.meta) as PaymentEvaluationMeta).facts);
  }
}
