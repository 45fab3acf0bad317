import { newId } from "../http/ids.ts";
import type { ApiRequest } from "../http/route.ts";
import type { Store } from "../store/store.ts";

export const EVENT = "event";
export const V2_EVENT = "v2.core.event";

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

/**
 * A v2 event. Sent as a thin notification (this object, no data): the receiver fetches the
 * event (`GET /v2/core/events/:id`) or its related object (`related_object.url`).
 */
export interface ThinEvent {
  id: string;
  object: "v2.core.event";
  type: string;
  created: string;
  livemode: false;
  related_object: { id: string; type: string; url: string };
}

/** Records events and hands them to the webhook dispatcher. */
export class EventPublisher {
  constructor(
    private readonly store: Store,
    private readonly deliver: (event: { id: string; type: string }) => number,
  ) {}

  publishThin(type: string, related: ThinEvent["related_object"]): ThinEvent {
    const event: ThinEvent = {
      id: newId("evt_test"),
      object: "v2.core.event",
      type,
      created: new Date().toISOString(),
      livemode: false,
      related_object: related,
    };
    this.store.put(V2_EVENT, event.id, event);
    this.deliver(event);
    return event;
  }

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
