import { newId } from "../http/ids.ts";
import type { Store } from "../store/store.ts";
import { signatureHeader } from "./signature.ts";

export const WEBHOOK_ENDPOINT = "webhook_endpoint";

export interface WebhookEndpoint {
  id: string;
  object: "webhook_endpoint";
  api_version: string | null;
  application: null;
  created: number;
  description: string | null;
  enabled_events: string[];
  livemode: false;
  metadata: Record<string, string>;
  status: "enabled" | "disabled";
  url: string;
}

export interface WebhookEndpointMeta {
  secret: string;
}

export interface DeliveryAttempt {
  at: number;
  status: number | null;
  error: string | null;
  duration_ms: number;
}

export interface Delivery {
  id: string;
  event_id: string;
  event_type: string;
  endpoint_id: string;
  url: string;
  status: "pending" | "succeeded" | "failed";
  attempts: DeliveryAttempt[];
  next_attempt_at: number | null;
}

export const WEBHOOK_DELIVERY = "webhook_delivery";
const MAX_DELIVERIES = 1000;

/**
 * Sends each event to every enabled endpoint that wants it, signed with the endpoint's secret,
 * and retries failures (non-2xx, timeout, connection error) on the configured schedule.
 * Deliveries are journaled (the last 1,000, plus any still pending), so a restart resumes the
 * pending ones when they are due, or at once if overdue. An attempt cut short by a crash is
 * made again: delivery is at least once, as Stripe's, and endpoints dedupe by event ID.
 */
export class WebhookDispatcher {
  /** Oldest first: what `list()` shows. */
  private readonly deliveries: Delivery[] = [];
  /** Pending deliveries pushed out of `deliveries`, kept in the store until they finish. */
  private readonly unlisted = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Aborted by `stop()` and `clear()`: attempts then in flight record nothing. */
  private cancel = new AbortController();

  constructor(
    private readonly store: Store,
    private readonly retryDelaysMs: number[],
    private readonly timeoutMs: number,
  ) {}

  /** Loads the journaled deliveries and schedules the pending ones. */
  resume(): void {
    for (const entry of this.store.oldestFirst(WEBHOOK_DELIVERY)) {
      const delivery = JSON.parse(entry.json) as Delivery;
      this.track(delivery);
      if (delivery.status === "pending") this.schedule(delivery, delivery.next_attempt_at ?? 0);
    }
  }

  endpointsFor(type: string): Array<{ endpoint: WebhookEndpoint; secret: string }> {
    const matches: Array<{ endpoint: WebhookEndpoint; secret: string }> = [];
    for (const entry of this.store.oldestFirst(WEBHOOK_ENDPOINT)) {
      const endpoint = JSON.parse(entry.json) as WebhookEndpoint;
      if (endpoint.status !== "enabled" || !entry.meta) continue;
      if (!endpoint.enabled_events.includes("*") && !endpoint.enabled_events.includes(type))
        continue;
      matches.push({ endpoint, secret: (JSON.parse(entry.meta) as WebhookEndpointMeta).secret });
    }
    return matches;
  }

  /**
   * Queues deliveries for an event (a v1 event, or a v2 thin event: the emulator's endpoint
   * stands in for an event destination too); returns how many endpoints will receive it.
   */
  deliver(event: { id: string; type: string }): number {
    const targets = this.endpointsFor(event.type);
    for (const { endpoint } of targets) {
      const delivery: Delivery = {
        id: newId("whdel"),
        event_id: event.id,
        event_type: event.type,
        endpoint_id: endpoint.id,
        url: endpoint.url,
        status: "pending",
        attempts: [],
        next_attempt_at: Date.now(),
      };
      this.track(delivery);
      // Journaled in the same batch as the event; sent once both are on disk.
      this.save(delivery);
      this.schedule(delivery, Date.now());
    }
    return targets.length;
  }

  private track(delivery: Delivery): void {
    this.deliveries.push(delivery);
    if (this.deliveries.length <= MAX_DELIVERIES) return;
    const oldest = this.deliveries.shift();
    if (!oldest) return;
    if (oldest.status === "pending") this.unlisted.add(oldest.id);
    else this.store.remove(oldest.id);
  }

  private save(delivery: Delivery): void {
    if (delivery.status !== "pending" && this.unlisted.delete(delivery.id)) {
      this.store.remove(delivery.id);
    } else {
      this.store.put(WEBHOOK_DELIVERY, delivery.id, delivery);
    }
  }

  private schedule(delivery: Delivery, at: number): void {
    delivery.next_attempt_at = at;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        const cancel = this.cancel.signal;
        void this.store.durable().then(() => this.attempt(delivery, cancel));
      },
      Math.max(0, at - Date.now()),
    );
    this.timers.add(timer);
  }

  private async attempt(delivery: Delivery, cancel: AbortSignal): Promise<void> {
    if (cancel.aborted) return;
    const eventEntry = this.store.get(delivery.event_id);
    const endpointEntry = this.store.getOf(WEBHOOK_ENDPOINT, delivery.endpoint_id);
    if (!eventEntry || !endpointEntry?.meta) {
      delivery.status = "failed";
      delivery.next_attempt_at = null;
      this.save(delivery);
      return;
    }
    const { secret } = JSON.parse(endpointEntry.meta) as WebhookEndpointMeta;
    const payload = eventEntry.json;
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "Stripe-Signature": signatureHeader(payload, secret, Math.floor(Date.now() / 1000)),
        },
        body: payload,
        signal: AbortSignal.any([cancel, AbortSignal.timeout(this.timeoutMs)]),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    // Stopped or reset meanwhile: the store is closed or cleared; a restart retries.
    if (cancel.aborted) return;
    delivery.attempts.push({
      at: Math.floor(started / 1000),
      status,
      error,
      duration_ms: Date.now() - started,
    });
    const delay = this.retryDelaysMs[delivery.attempts.length - 1];
    if (status !== null && status >= 200 && status < 300) {
      delivery.status = "succeeded";
      delivery.next_attempt_at = null;
    } else if (delay === undefined) {
      delivery.status = "failed";
      delivery.next_attempt_at = null;
    } else {
      this.schedule(delivery, Date.now() + delay);
    }
    this.save(delivery);
  }

  list(): Delivery[] {
    return [...this.deliveries].reverse();
  }

  /** Stops sending (timers and attempts in flight); pending deliveries stay journaled. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.cancel.abort();
    this.cancel = new AbortController();
  }

  /** Stops and forgets every delivery; the caller resets the store. */
  clear(): void {
    this.stop();
    this.deliveries.length = 0;
    this.unlisted.clear();
  }
}
