import { AsyncLocalStorage } from "node:async_hooks";
import { subscribe } from "node:diagnostics_channel";
import { appendFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";

/** Where a request's time went, by what it waited on; the rest is the app and the framework. */
export type TimedKind = "hash" | "database" | "stripe";

export type RequestTiming = {
  method: string;
  path: string;
  status: number;
  /** From the request's arrival to its response's last byte handed to the socket. */
  totalMs: number;
  /** Time spent in each kind of work, and how many calls (database: queries sent to the driver). */
  ms: Record<TimedKind, number>;
  calls: Record<TimedKind, number>;
};

type Timings = {
  startedAt: number;
  ms: Record<TimedKind, number>;
  calls: Record<TimedKind, number>;
};
type State = { storage: AsyncLocalStorage<Timings>; byRequest: WeakMap<IncomingMessage, Timings> };

// Next.js bundles instrumentation and app code separately: the state lives on globalThis so both
// copies of this module share it (as in lib/http/socket-address.ts).
const STATE_KEY = Symbol.for("radar-abuse-reference.request-timings");
const globals = globalThis as { [STATE_KEY]?: State };

/** The file REQUEST_TIMINGS_FILE names, when set: `npm run bench` reads it. */
export function requestTimingsFile(): string | undefined {
  return process.env.REQUEST_TIMINGS_FILE || undefined;
}

/**
 * Starts timing every request the HTTP server handles, appending one JSON line per response to
 * `file`. Like the socket address, a request's timings enter an AsyncLocalStorage on Node's
 * `http.server.request.start` channel, so everything the request runs adds to them.
 */
export function recordRequestTimings(file: string): void {
  if (globals[STATE_KEY]) return;
  const state: State = { storage: new AsyncLocalStorage(), byRequest: new WeakMap() };
  globals[STATE_KEY] = state;
  subscribe("http.server.request.start", (message) => {
    const { request } = message as { request: IncomingMessage };
    const timings: Timings = {
      startedAt: performance.now(),
      ms: { hash: 0, database: 0, stripe: 0 },
      calls: { hash: 0, database: 0, stripe: 0 },
    };
    state.byRequest.set(request, timings);
    state.storage.enterWith(timings);
  });
  subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const timings = state.byRequest.get(request);
    if (!timings) return;
    const line: RequestTiming = {
      method: request.method ?? "",
      path: new URL(request.url ?? "/", "http://app").pathname,
      status: response.statusCode,
      totalMs: performance.now() - timings.startedAt,
      ms: timings.ms,
      calls: timings.calls,
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  });
}

/** Adds work the current request waited on; outside a timed request it does nothing. */
export function addTime(kind: TimedKind, ms: number): void {
  const timings = globals[STATE_KEY]?.storage.getStore();
  if (!timings) return;
  timings.ms[kind] += ms;
  timings.calls[kind] += 1;
}

/** Adds each Stripe call the client makes to the request that made it. */
export function timeStripeCalls(client: {
  on(event: "response", listener: (event: { elapsed: number }) => void): unknown;
}): void {
  if (!globals[STATE_KEY]) return;
  client.on("response", (event) => addTime("stripe", event.elapsed));
}

/** Runs `work`, adding its duration to the current request's `kind`. */
export async function timed<T>(kind: TimedKind, work: () => Promise<T>): Promise<T> {
  if (!globals[STATE_KEY]) return work();
  const start = performance.now();
  try {
    return await work();
  } finally {
    addTime(kind, performance.now() - start);
  }
}
