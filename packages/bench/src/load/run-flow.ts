import autocannon from "autocannon";

export type FlowRequest = {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
};

export type FlowResponse = {
  status: number;
  body: string;
  header(name: string): string | string[] | undefined;
};

/** How a flow reads one answer. */
export type Verdict = { kind: "success" } | { kind: "failure"; reason: string };

/** What a flow sends and how it reads the answers; `T` is what it remembers per request. */
export type FlowSpec<T> = {
  name: string;
  /** The next request's item and request; called synchronously as each request is built. */
  next(): { item: T; request: FlowRequest };
  /** Success, or the reason it failed. */
  classify(item: T, response: FlowResponse): Verdict;
};

export type Sent<T> = {
  item: T;
  state: "unanswered" | "success" | "failure";
  status?: number;
  response?: FlowResponse;
};

export type FlowResult<T> = {
  name: string;
  sent: Sent<T>[];
  successes: number;
  failures: number;
  failureReasons: Map<string, number>;
  /** Answers with a status outside 2xx and 3xx. */
  non2xx3xx: number;
  /** Connection errors and time-outs (requests that got no answer). */
  errors: number;
  /**
   * The first answer on each client's connection, and the answers after it: a new connection
   * first waits to be accepted, and Node.js accepts one per turn of its event loop.
   */
  firstLatenciesMs: number[];
  laterLatenciesMs: number[];
  elapsedS: number;
};

/** Every answer's latency. */
export const latencies = (result: FlowResult<unknown>): number[] => [
  ...result.firstLatenciesMs,
  ...result.laterLatenciesMs,
];

export type FlowOptions = {
  url: string;
  connections: number;
  durationS: number;
  timeoutS: number;
};

type ClientInternals = { reqsMade?: unknown; responseMax?: unknown };

/**
 * Runs one flow with autocannon: `connections` clients, each sending its next request as soon as
 * the last one is answered, for `durationS` seconds. Then no client starts a new request, and
 * the requests in flight are waited for (up to the time-out), so that every request sent has an
 * answer to check against the database: autocannon itself ends by cutting connections. Stopping
 * a client after its current request uses autocannon 9's per-client request cap
 * (`responseMax`), the option `amount` sets.
 */
export function runFlow<T>(spec: FlowSpec<T>, options: FlowOptions): Promise<FlowResult<T>> {
  const sent: Sent<T>[] = [];
  const firstLatenciesMs: number[] = [];
  const laterLatenciesMs: number[] = [];
  const answered = new WeakSet<autocannon.Client>();
  const failureReasons = new Map<string, number>();
  const clients: autocannon.Client[] = [];
  let successes = 0;
  let failures = 0;
  let non2xx3xx = 0;
  let errors = 0;
  let firstRequestAt = 0;
  let lastAnswerAt = 0;

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        pipelining: 1,
        // Longer than the run plus the wait for the last answers: the run is ended below.
        duration: options.durationS + options.timeoutS + 10,
        timeout: options.timeoutS,
        setupClient: (client) => {
          clients.push(client);
        },
        requests: [
          {
            setupRequest: (request, context) => {
              firstRequestAt ||= Date.now();
              const { item, request: next } = spec.next();
              const entry: Sent<T> = { item, state: "unanswered" };
              sent.push(entry);
              (context as { entry?: Sent<T> }).entry = entry;
              return {
                ...request,
                method: next.method,
                path: next.path,
                headers: next.headers,
                ...(next.body ? { body: next.body } : {}),
              };
            },
            onResponse: (status, body, context, headers) => {
              const entry = (context as { entry?: Sent<T> }).entry;
              if (entry?.state !== "unanswered") return;
              lastAnswerAt = Date.now();
              const response: FlowResponse = {
                status,
                body,
                header: (name) => {
                  const all = headers ?? {};
                  const key = Object.keys(all).find((k) => k.toLowerCase() === name);
                  return key === undefined ? undefined : (all[key] as string | string[]);
                },
              };
              entry.status = status;
              entry.response = response;
              if (status < 200 || status >= 400) non2xx3xx++;
              const verdict = spec.classify(entry.item, response);
              if (verdict.kind === "success") {
                entry.state = "success";
                successes++;
              } else {
                entry.state = "failure";
                failures++;
                failureReasons.set(verdict.reason, (failureReasons.get(verdict.reason) ?? 0) + 1);
              }
            },
          },
        ],
      },
      (error, result) => {
        clearTimeout(drainTimer);
        if (error) return reject(error);
        errors = result.errors;
        resolve({
          name: spec.name,
          sent,
          successes,
          failures,
          failureReasons,
          non2xx3xx,
          errors,
          firstLatenciesMs,
          laterLatenciesMs,
          elapsedS: ((lastAnswerAt || Date.now()) - (firstRequestAt || Date.now())) / 1000,
        });
      },
    );
    instance.on("response", (client, _status, _bytes, responseTime) => {
      if (answered.has(client)) laterLatenciesMs.push(responseTime);
      else {
        answered.add(client);
        firstLatenciesMs.push(responseTime);
      }
    });
    // At the deadline each client finishes the request it has in flight and sends no other.
    const drainTimer = setTimeout(() => {
      for (const client of clients) {
        const internals = client as unknown as ClientInternals;
        if (typeof internals.reqsMade !== "number") {
          instance.stop();
          return;
        }
        internals.responseMax = internals.reqsMade;
      }
    }, options.durationS * 1000);
  });
}

/** The p-th percentile (0-100) of the values, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}
