import { createHash } from "node:crypto";
import type { Store } from "../store/store.ts";
import { StripeError } from "./errors.ts";

export interface StoredResponse {
  status: number;
  json: string;
}

interface Entry {
  /** SHA-256 of method, path and body: bodies may carry card numbers, which are not stored. */
  fingerprint: string;
  createdAt: number;
  /** False while the request runs; its response is then in the store. */
  completed: boolean;
}

/** How a completed key is journaled; the response body is the record's meta, as served. */
interface StoredKey {
  key: string;
  fingerprint: string;
  created_ms: number;
  status: number;
}

export const IDEMPOTENCY_KEY = "idempotency_key";
const TTL_MS = 24 * 60 * 60 * 1000;

/** Store IDs are shared by every kind; the prefix keeps a key from colliding with an object ID. */
const storeId = (key: string) => `idem:${key}`;

/**
 * Stripe's idempotency: the first response to a key is replayed for the same request for 24
 * hours; a different request with the same key is a 400 idempotency_error; a key still being
 * processed is a 409. Bounded (oldest keys are forgotten first).
 *
 * Completed keys are journaled with their response in the same batch as the objects the request
 * created (the handler runs synchronously between `begin` and `complete`), so after a crash or
 * restart either both are there and the retry is replayed, or neither and the retry runs. An
 * in-progress key is never journaled: a request cannot be in flight across a restart, so a
 * crashed process leaves nothing that would answer 409 forever.
 */
export class IdempotencyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: Store,
    private readonly maxEntries = 20_000,
  ) {
    const now = Date.now();
    for (const stored of store.oldestFirst(IDEMPOTENCY_KEY)) {
      const { key, fingerprint, created_ms } = JSON.parse(stored.json) as StoredKey;
      if (now - created_ms >= TTL_MS) store.remove(stored.id);
      else this.entries.set(key, { fingerprint, createdAt: created_ms, completed: true });
    }
    this.evictBeyondLimit();
  }

  /** Returns a response to replay, or undefined when the request should run. */
  begin(key: string, request: string): StoredResponse | undefined {
    const fingerprint = createHash("sha256").update(request, "latin1").digest("base64");
    const entry = this.entries.get(key);
    if (entry && Date.now() - entry.createdAt < TTL_MS) {
      if (entry.fingerprint !== fingerprint) {
        throw new StripeError(400, {
          type: "idempotency_error",
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        });
      }
      const stored = entry.completed ? this.store.getOf(IDEMPOTENCY_KEY, storeId(key)) : undefined;
      if (!stored?.meta) {
        throw new StripeError(409, {
          type: "idempotency_error",
          code: "idempotency_key_in_use",
          message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
        });
      }
      return { status: (JSON.parse(stored.json) as StoredKey).status, json: stored.meta };
    }
    this.forget(key);
    this.entries.set(key, { fingerprint, createdAt: Date.now(), completed: false });
    this.evictBeyondLimit();
    return undefined;
  }

  complete(key: string, response: StoredResponse): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.completed = true;
    const stored: StoredKey = {
      key,
      fingerprint: entry.fingerprint,
      created_ms: entry.createdAt,
      status: response.status,
    };
    this.store.putJson(IDEMPOTENCY_KEY, storeId(key), JSON.stringify(stored), response.json);
  }

  /** A request that failed before running (e.g. a 5xx fault) leaves no trace, so a retry runs. */
  abandon(key: string): void {
    const entry = this.entries.get(key);
    if (entry && !entry.completed) this.entries.delete(key);
  }

  /** Forgets every key in memory; the caller resets the store. */
  clear(): void {
    this.entries.clear();
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    if (entry.completed) this.store.remove(storeId(key));
  }

  private evictBeyondLimit(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.forget(oldest);
    }
  }
}
