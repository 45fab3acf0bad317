import type { RiskHistory } from "./risk/history.ts";
import type { Store } from "./store/store.ts";
import type { EventPublisher } from "./webhooks/events.ts";

/** What every resource builds on: the object store, the risk model's history and the events. */
export interface Core {
  store: Store;
  risk: RiskHistory;
  events: EventPublisher;
}
