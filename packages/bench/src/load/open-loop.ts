import type {
  FlowOptions,
  FlowRequest,
  FlowResponse,
  FlowResult,
  FlowSpec,
  Sent,
} from "./run-flow";

/** The fractions of the limit's throughput the open-loop runs arrive at. */
export const OPEN_LOOP_FRACTIONS = [0.25, 0.5, 0.75] as const;

export type Clock = {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Resolves once `now()` has reached `at`. */
  sleepUntil(at: number): Promise<void>;
};

const realClock: Clock = {
  now: () => performance.now(),
  sleepUntil: (at) =>
    new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now()))),
};

export type Send = (request: FlowRequest) => Promise<FlowResponse>;

export type OpenLoopOptions = Pick<FlowOptions, "url" | "durationS" | "timeoutS"> & {
  /** Arrivals per second: one request every 1000 / ratePerS ms, answered or not. */
  ratePerS: number;
};

export type OpenLoopResult<T> = FlowResult<T> & {
  ratePerS: number;
  /** Requests that left more than 10 ms after their arrival time (the sender fell behind). */
  lateSends: number;
};

/** The arrival times (ms from the start) of a run at a fixed rate: evenly spaced. */
export function arrivalTimes(ratePerS: number, durationS: number): number[] {
  if (!(ratePerS > 0)) throw new Error(`An arrival rate must be above zero, got ${ratePerS}`);
  const count = Math.floor(ratePerS * durationS);
  return Array.from({ length: count }, (_, index) => (index * 1000) / ratePerS);
}

const LATE_MS = 10;

/**
 * Runs a flow open-loop: requests arrive at a fixed rate whether or not the earlier ones have
 * been answered, as people do, so a slow answer does not slow the arrivals down the way it does
 * with closed-loop clients. Each latency is counted from the request's arrival time, not from
 * when it was sent, so a sender that falls behind does not hide the wait. Waits for every
 * answer (up to the time-out) before it returns.
 */
export async function runOpenLoop<T>(
  spec: FlowSpec<T>,
  options: OpenLoopOptions,
  send: Send = fetchSender(options),
  clock: Clock = realClock,
): Promise<OpenLoopResult<T>> {
  const result: OpenLoopResult<T> = {
    name: spec.name,
    sent: [],
    successes: 0,
    failures: 0,
    failureReasons: new Map(),
    non2xx3xx: 0,
    errors: 0,
    firstLatenciesMs: [],
    laterLatenciesMs: [],
    elapsedS: 0,
    ratePerS: options.ratePerS,
    lateSends: 0,
  };
  const start = clock.now();
  let lastAnswerAt = start;
  const answer = async (arrival: number, entry: Sent<T>, request: FlowRequest) => {
    try {
      const response = await send(request);
      lastAnswerAt = clock.now();
      result.laterLatenciesMs.push(lastAnswerAt - arrival);
      entry.status = response.status;
      entry.response = response;
      if (response.status < 200 || response.status >= 400) result.non2xx3xx++;
      const verdict = spec.classify(entry.item, response);
      if (verdict.kind === "success") {
        entry.state = "success";
        result.successes++;
      } else {
        entry.state = "failure";
        result.failures++;
        const reasons = result.failureReasons;
        reasons.set(verdict.reason, (reasons.get(verdict.reason) ?? 0) + 1);
      }
    } catch {
      result.errors++;
    }
  };
  const inFlight: Promise<void>[] = [];
  for (const offset of arrivalTimes(options.ratePerS, options.durationS)) {
    const arrival = start + offset;
    await clock.sleepUntil(arrival);
    if (clock.now() - arrival > LATE_MS) result.lateSends++;
    const { item, request } = spec.next();
    const entry: Sent<T> = { item, state: "unanswered" };
    result.sent.push(entry);
    inFlight.push(answer(arrival, entry, request));
  }
  await Promise.all(inFlight);
  result.elapsedS = (lastAnswerAt - start) / 1000;
  return result;
}

/** Sends with Node.js's fetch, whose pool keeps connections open as a load balancer does. */
function fetchSender(options: Pick<OpenLoopOptions, "url" | "timeoutS">): Send {
  return async (request) => {
    const response = await fetch(new URL(request.path, options.url), {
      method: request.method,
      headers: request.headers,
      body: request.body ? new Uint8Array(request.body) : undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutS * 1000),
    });
    const body = await response.text();
    return {
      status: response.status,
      body,
      header: (name) =>
        name === "set-cookie"
          ? response.headers.getSetCookie()
          : (response.headers.get(name) ?? undefined),
    };
  };
}
