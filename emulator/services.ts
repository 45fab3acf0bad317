import type { PaymentMethodService } from "./resources/payment-methods";
import type { RiskHistory } from "./risk/history";
import type { Store } from "./store/store";
import type { EventPublisher } from "./webhooks/events";

/** What resource handlers share. */
export interface Services {
  store: Store;
  risk: RiskHistory;
  events: EventPublisher;
  paymentMethods: PaymentMethodService;
}
