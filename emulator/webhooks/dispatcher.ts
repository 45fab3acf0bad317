import { newId } from "../http/ids";
import type { Store } from "../store/store";
import type { StripeEvent } from "./events";
import { signatureHeader } from "./signature";

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

const MAX_DELIVERIES = 1000;

/**
 * Sends each event to every enabled endpoint that wants it, signed with the endpoint's secret,
 * and retries failures (non-2xx, timeout, connection error) on the configured schedule.
 * Pending retries live in memory: a restart forgets them.
 */
export class WebhookDispatcher {
  private readonly deliveries: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly store: Store,
    private readonly retryDelaysMs: number[],
    private readonly timeoutMs: number,
  ) {}

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

  /** Queues deliveries for an event; returns how many endpoints will receive it. */
  deliver(event: StripeEvent): number {
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
      this.deliveries.push(delivery);
      if (this.deliveries.length > MAX_DELIVERIES) this.deliveries.shift();
      // The event is journaled in the same turn; send once it is on disk.
      this.schedule(delivery, 0);
    }
    return targets.length;
  }

  private schedule(delivery: Delivery, delayMs: number): void {
    delivery.next_attempt_at = Date.now() + delayMs;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.store.durable().then(() => this.attempt(delivery));
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const eventEntry = this.store.get(delivery.event_id);
    const endpointEntry = this.store.getOf(WEBHOOK_ENDPOINT, delivery.endpoint_id);
    if (!eventEntry || !endpointEntry?.meta) {
      delivery.status = "failed";
      delivery.next_attempt_at = null;
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
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    delivery.attempts.push({
      at: Math.floor(started / 1000),
      status,
      error,
      duration_ms: Date.now() - started,
    });
    if (status !== null && status >= 200 && status < 300) {
      delivery.status = "succeeded";
      delivery.next_attempt_at = null;
      return;
    }
    const delay = this.retryDelaysMs[delivery.attempts.length - 1];
    if (delay === undefined) {
      delivery.status = "failed";
      delivery.next_attempt_at = null;
      return;
    }
    this.schedule(delivery, delay);
  }

  list(): Delivery[] {
    return [...this.deliveries].reverse();
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.deliveries.length = 0;
  }
}
