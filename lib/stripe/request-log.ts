import type Stripe from "stripe";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { maskValue } from "@/lib/stripe/mask-secrets";

/**
 * What the stripe package emits around each HTTP request when it is created with
 * `emitEventBodies: true` (its `RequestEvent` and `ResponseEvent` types, plus the bodies).
 */
type RequestEvent = {
  api_version?: string;
  idempotency_key?: string;
  method: string;
  path: string;
  request_start_time: number;
  body?: unknown;
};
type ResponseEvent = RequestEvent & {
  status: number;
  request_id?: string;
  elapsed: number;
};

export type RequestLogOptions = {
  prisma: PrismaClient;
  /** How many rows are kept: the oldest beyond it are deleted. */
  keep?: number;
  /** Rows written between two prunes, so that pruning costs one DELETE per batch of calls. */
  pruneEvery?: number;
  /** A request with no response after this long (time-out, network error) is saved without one. */
  noResponseAfterMs: number;
  /** How long a batch waits for more calls before it is written. */
  batchMs?: number;
  log?: (message: string, error: unknown) => void;
};

export type RequestLog = {
  /** Resolves when every call seen so far is written (or its write has failed). */
  flushed(): Promise<void>;
  stop(): void;
};

export const DEFAULT_KEEP = 5_000;
/** Longer than one sign-up's or checkout's Stripe calls take at one client (10-40 ms). */
const DEFAULT_BATCH_MS = 100;

/** The response event repeats its request's method, path and start time. */
const key = (event: RequestEvent) => `${event.method} ${event.path} ${event.request_start_time}`;

/** Both bodies masked, the links read from the unmasked ones (IDs are not secrets). */
function rowOf(request: RequestEvent, response: ResponseEvent | null, now: number) {
  const responseBody = response?.body;
  return {
    createdAt: new Date(request.request_start_time),
    method: request.method,
    path: maskValue(request.path) as string,
    apiVersion: response?.api_version ?? request.api_version ?? null,
    status: response?.status ?? null,
    durationMs: response?.elapsed ?? now - request.request_start_time,
    requestId: response?.request_id ?? null,
    idempotencyKey: request.idempotency_key ?? null,
    requestBody: maskValue(request.body ?? null) as Prisma.InputJsonValue,
    responseBody: maskValue(responseBody ?? null) as Prisma.InputJsonValue,
    ...requestLinks(request.path, request.body, responseBody),
  };
}

type Row = ReturnType<typeof rowOf>;

/** Deletes all but the newest `keep` rows: one statement that walks `keep` entries of the key. */
export function pruneStripeRequests(prisma: PrismaClient, keep: number): Promise<number> {
  return prisma.$executeRaw`DELETE FROM "StripeRequest" WHERE "id" <= (SELECT "id" FROM "StripeRequest" ORDER BY "id" DESC OFFSET ${keep} LIMIT 1)`;
}

/**
 * Records every call the Stripe client makes into `StripeRequest`, from the client's own
 * `request` and `response` events, so it records Stripe test mode as well as the emulator.
 *
 * A call is masked when its response arrives; the row is written `batchMs` later, in one batch
 * with every call recorded meanwhile or while the previous batch was written, so the flow never
 * waits for the database, and a flow's two or three calls, or a slow database's backlog, cost one
 * statement, not one per call. A failed write is logged, never thrown.
 */
export function recordStripeRequests(stripe: Stripe, options: RequestLogOptions): RequestLog {
  const { prisma, noResponseAfterMs } = options;
  const keep = options.keep ?? DEFAULT_KEEP;
  const pruneEvery = options.pruneEvery ?? Math.max(1, Math.ceil(keep / 50));
  const batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
  const log = options.log ?? ((message, error) => console.error(message, error));
  // Requests waiting for their response; two alike in the same millisecond queue up.
  const pending = new Map<string, { event: RequestEvent; timer: NodeJS.Timeout }[]>();
  let queue: Row[] = [];
  /** The writer, while it runs: it takes everything queued, again until the queue is empty. */
  let writer: Promise<void> | null = null;
  let sincePrune = 0;

  const write = async (rows: Row[]) => {
    try {
      await prisma.stripeRequest.createMany({ data: rows });
      sincePrune += rows.length;
      if (sincePrune >= pruneEvery) {
        sincePrune = 0;
        await pruneStripeRequests(prisma, keep);
      }
    } catch (error) {
      log(`Could not record ${rows.length} Stripe request(s):`, error);
    }
  };

  const drain = async () => {
    // The calls around this one (the rest of its flow, other requests') join its batch.
    await new Promise((resolve) => setTimeout(resolve, batchMs));
    while (queue.length > 0) {
      const rows = queue;
      queue = [];
      await write(rows);
    }
    writer = null;
  };

  const enqueue = (row: Row) => {
    // A database slower than the calls must not grow the queue without end: beyond what is
    // kept anyway, the oldest waiting rows give way.
    if (queue.length >= keep) queue.shift();
    queue.push(row);
    writer ??= drain();
  };

  const safely = (what: string, handler: () => void) => {
    try {
      handler();
    } catch (error) {
      log(`Could not record a Stripe ${what}:`, error);
    }
  };

  /** Removes and returns the given entry, or the oldest waiting under `id`. */
  const take = (id: string, entry?: { event: RequestEvent; timer: NodeJS.Timeout }) => {
    const waiting = pending.get(id) ?? [];
    const taken = entry ?? waiting[0];
    const rest = waiting.filter((candidate) => candidate !== taken);
    if (rest.length > 0) pending.set(id, rest);
    else pending.delete(id);
    return taken;
  };

  const onRequest = (event: RequestEvent) =>
    safely("request", () => {
      const id = key(event);
      const entry = {
        event,
        timer: setTimeout(() => {
          take(id, entry);
          enqueue(rowOf(event, null, Date.now()));
        }, noResponseAfterMs),
      };
      entry.timer.unref();
      pending.set(id, [...(pending.get(id) ?? []), entry]);
    });

  const onResponse = (event: ResponseEvent) =>
    safely("response", () => {
      const request = take(key(event));
      if (request) clearTimeout(request.timer);
      enqueue(rowOf(request?.event ?? event, event, Date.now()));
    });

  // The package's event types leave out the bodies that emitEventBodies adds.
  stripe.on("request", onRequest as (event: Stripe.RequestEvent) => void);
  stripe.on("response", onResponse as (event: Stripe.ResponseEvent) => void);

  return {
    async flushed() {
      while (writer) await writer;
    },
    stop() {
      stripe.off("request", onRequest as (event: Stripe.RequestEvent) => void);
      stripe.off("response", onResponse as (event: Stripe.ResponseEvent) => void);
      for (const entries of pending.values()) for (const { timer } of entries) clearTimeout(timer);
      pending.clear();
    },
  };
}

/** The objects one Stripe call concerns, so that the inspector can list an evaluation's or order's calls. */
export type RequestLinks = {
  customerId: string | null;
  evaluationId: string | null;
  orderId: string | null;
};

const CUSTOMER_ID = /\bcus_[A-Za-z0-9]+/;
/**
 * Customer Evaluations (`cuseval_`, `caeval_` in Stripe's guide), Account Evaluations
 * (`acctevl_`) and Payment Evaluations.
 */
const EVALUATION_ID = /\b(?:cuseval|caeval|acctevl|peval|payeval)_[A-Za-z0-9]+/;

/** The first string anywhere in `value` that matches, depth first. */
function findString(value: unknown, pattern: RegExp): string | null {
  if (typeof value === "string") return pattern.exec(value)?.[0] ?? null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findString(item, pattern);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) {
      const found = findString(inner, pattern);
      if (found) return found;
    }
  }
  return null;
}

/** The app puts its order ID in the metadata of the Payment Evaluation and the PaymentIntent. */
function orderIdOf(body: unknown): string | null {
  if (!body || typeof body !== "object") return null;
  const metadata = (body as { metadata?: unknown }).metadata;
  if (!metadata || typeof metadata !== "object") return null;
  const orderId = (metadata as { order_id?: unknown }).order_id;
  return typeof orderId === "string" && orderId ? orderId : null;
}

/** An evaluation's own ID, or the one an Account Activity reports on. */
function evaluationIdOf(path: string, request: unknown, response: unknown): string | null {
  const fromPath = EVALUATION_ID.exec(path)?.[0];
  if (fromPath) return fromPath;
  for (const field of ["id", "account_evaluation"] as const) {
    for (const body of [response, request]) {
      const value =
        body && typeof body === "object" ? (body as Record<string, unknown>)[field] : null;
      if (typeof value === "string" && EVALUATION_ID.test(value)) return value;
    }
  }
  return null;
}

/** Reads the links from the call's path, then its request, then its response. */
export function requestLinks(path: string, request: unknown, response: unknown): RequestLinks {
  return {
    customerId:
      CUSTOMER_ID.exec(path)?.[0] ??
      findString(request, CUSTOMER_ID) ??
      findString(response, CUSTOMER_ID),
    evaluationId: evaluationIdOf(path, request, response),
    orderId: orderIdOf(request) ?? orderIdOf(response),
  };
}
