import { newId } from "../http/ids.ts";
import type { ApiRequest } from "../http/route.ts";
import type { Store } from "../store/store.ts";

export const EVENT = "event";

export interface StripeEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: unknown };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

/** Records events and hands them to the webhook dispatcher. */
export class EventPublisher {
  constructor(
    private readonly store: Store,
    private readonly deliver: (event: StripeEvent) => number,
  ) {}

  publish(type: string, object: unknown, request: ApiRequest | null): StripeEvent {
    const event: StripeEvent = {
      id: newId("evt"),
      object: "event",
      api_version: request?.apiVersion ?? "2026-10-28.endive",
      created: request?.now ?? Math.floor(Date.now() / 1000),
      data: { object },
      livemode: false,
      pending_webhooks: 0,
      request: { id: request?.requestId ?? null, idempotency_key: request?.idempotencyKey ?? null },
      type,
    };
    event.pending_webhooks = this.deliver(event);
    this.store.put(EVENT, event.id, event);
    return event;
  }
}
