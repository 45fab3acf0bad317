import type { PaymentMethodService } from "./resources/payment-methods.ts";
import type { RiskHistory } from "./risk/history.ts";
import type { Store } from "./store/store.ts";
import type { EventPublisher } from "./webhooks/events.ts";

/** What resource handlers share. */
export interface Services {
  store: Store;
  risk: RiskHistory;
  events: EventPublisher;
  paymentMethods: PaymentMethodService;
}
