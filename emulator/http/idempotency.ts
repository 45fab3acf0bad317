import { StripeError } from "./errors";

export interface StoredResponse {
  status: number;
  json: string;
}

interface Entry {
  fingerprint: string;
  createdAt: number;
  response?: StoredResponse;
}

const TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Stripe's idempotency: the first response to a key is replayed for the same request; a
 * different request with the same key is a 400 idempotency_error; a key still being processed
 * is a 409. Bounded (oldest keys are forgotten first) and kept in memory only.
 */
export class IdempotencyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 20_000) {}

  /** Returns a response to replay, or undefined when the request should run. */
  begin(key: string, fingerprint: string): StoredResponse | undefined {
    const entry = this.entries.get(key);
    if (entry && Date.now() - entry.createdAt < TTL_MS) {
      if (entry.fingerprint !== fingerprint) {
        throw new StripeError(400, {
          type: "idempotency_error",
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        });
      }
      if (!entry.response) {
        throw new StripeError(409, {
          type: "invalid_request_error",
          code: "idempotency_key_in_use",
          message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
        });
      }
      return entry.response;
    }
    this.entries.delete(key);
    this.entries.set(key, { fingerprint, createdAt: Date.now() });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return undefined;
  }

  complete(key: string, response: StoredResponse): void {
    const entry = this.entries.get(key);
    if (entry) entry.response = response;
  }

  /** A request that failed before running (e.g. a 5xx fault) leaves no trace, so a retry runs. */
  abandon(key: string): void {
    const entry = this.entries.get(key);
    if (entry && !entry.response) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
