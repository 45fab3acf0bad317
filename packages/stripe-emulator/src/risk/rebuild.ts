import {
  customerEvaluationFacts,
  decodeCustomerEvaluation,
} from "../resources/customer-evaluation-record.ts";
import type { Customer } from "../resources/customers.ts";
import type { PaymentEvaluationMeta } from "../resources/payment-evaluations.ts";
import type { RadarSessionMeta } from "../resources/radar-sessions.ts";
import {
  ACCOUNT_ACTIVITY,
  type AccountActivity,
  type AccountActivityMeta,
} from "../resources/signals/account-activities.ts";
import {
  ACCOUNT_EVALUATION,
  type AccountEvaluationRecord,
  accountEvaluationFacts,
} from "../resources/signals/account-evaluations.ts";
import { accountSubject } from "../resources/signals/fields.ts";
import type { Store } from "../store/store.ts";
import type { CustomerEvaluationFacts, DeviceFacts, RiskHistory } from "./history.ts";

/**
 * Replays stored customers, evaluations of both generations and reported attempts, oldest
 * first, into the risk model's indexes.
 */
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
  const facts: CustomerEvaluationFacts[] = [];
  for (const entry of store.oldestFirst("radar.customer_evaluation")) {
    const record = decodeCustomerEvaluation(entry.json);
    const device = record.radar_session ? deviceOf(record.radar_session) : record.client_device;
    facts.push(customerEvaluationFacts(record, device));
    if (record.identity)
      risk.recordCustomer(record.id, record.identity.email, record.identity.phone);
  }
  for (const entry of store.oldestFirst(ACCOUNT_EVALUATION)) {
    facts.push(accountEvaluationFacts(JSON.parse(entry.json) as AccountEvaluationRecord));
  }
  for (const entry of store.oldestFirst(ACCOUNT_ACTIVITY)) {
    const activity = JSON.parse(entry.json) as AccountActivity;
    const meta = entry.meta ? (JSON.parse(entry.meta) as AccountActivityMeta) : null;
    const subject = activity.account_details ? accountSubject(activity.account_details) : null;
    // Attempts reported on their own; an evaluated attempt is its evaluation's.
    if (activity.account_evaluation || !subject || !meta?.device) continue;
    if (activity.type !== "registration_attempt" && activity.type !== "login_attempt") continue;
    facts.push({
      event: activity.type === "registration_attempt" ? "registration" : "login",
      customer: subject,
      subject,
      device: meta.device,
      at: meta.at,
      level: "not_assessed",
    });
  }
  facts.sort((a, b) => a.at - b.at);
  for (const fact of facts) risk.recordCustomerEvaluation(fact);
  for (const entry of store.oldestFirst("radar.payment_evaluation")) {
    if (entry.meta) risk.recordPayment((JSON.parse(entry.meta) as PaymentEvaluationMeta).facts);
  }
}
