import { describe, expect, it } from "vitest";
import { arrivalTimes, type Clock, runOpenLoop, type Send } from "./open-loop";
import { type FlowSpec, latencies, percentile } from "./run-flow";

/** A clock that moves only when every pending promise has settled: time in the test is exact. */
class VirtualClock implements Clock {
  private time = 0;
  private readonly timers: { at: number; resolve: () => void }[] = [];

  now = () => this.time;

  sleepUntil(at: number): Promise<void> {
    if (at <= this.time) return Promise.resolve();
    return new Promise((resolve) => this.timers.push({ at, resolve }));
  }

  /** Runs the timers in order, letting the promises they wake settle before the next. */
  async run(): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) return;
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
  }
}

/** A flow whose n-th request is item n; a status of 303 is a success. */
function countingFlow(): FlowSpec<number> {
  let next = 0;
  return {
    name: "registration",
    next: () => ({ item: next++, request: { method: "POST", path: "/register", headers: {} } }),
    classify: (_, response) =>
      response.status === 303 ? { kind: "success" } : { kind: "failure", reason: "refused" },
  };
}

/** A server that answers each request `latencyMs(n)` after it was sent, with `status(n)`. */
function slowServer(
  clock: VirtualClock,
  latencyMs: (n: number) => number,
  status: (n: number) => number = () => 303,
) {
  const sentAt: number[] = [];
  const send: Send = async () => {
    const n = sentAt.length;
    sentAt.push(clock.now());
    await clock.sleepUntil(clock.now() + latencyMs(n));
    if (status(n) === 0) throw new Error("connection reset");
    return { status: status(n), body: "", header: () => undefined };
  };
  return { send, sentAt };
}

const options = { url: "http://app", timeoutS: 60 };

describe("arrival times at a fixed rate", () => {
  it("are evenly spaced over the run", () => {
    expect(arrivalTimes(4, 2)).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750]);
    expect(arrivalTimes(12.5, 1)).toHaveLength(12);
  });

  it("refuse a rate that is not above zero", () => {
    expect(() => arrivalTimes(0, 10)).toThrow("above zero");
    expect(() => arrivalTimes(Number.NaN, 10)).toThrow("above zero");
  });
});

describe("an open-loop run", () => {
  it("sends at the fixed rate however slowly the answers come", async () => {
    const clock = new VirtualClock();
    const server = slowServer(clock, () => 500);
    const run = runOpenLoop(
      countingFlow(),
      { ...options, ratePerS: 10, durationS: 1 },
      server.send,
      clock,
    );
    await clock.run();
    const result = await run;

    // Closed-loop, one client would have sent two requests in this second.
    expect(server.sentAt).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(result.successes).toBe(10);
    expect(latencies(result)).toEqual(Array(10).fill(500));
    expect(result.lateSends).toBe(0);
    expect(result.elapsedS).toBeCloseTo(1.4);
    expect(result.sent.map((entry) => entry.state)).toEqual(Array(10).fill("success"));
  });

  it("counts each latency from the arrival, so p50 and p99 show a queue building up", async () => {
    const clock = new VirtualClock();
    // The server takes one request at a time, 150 ms each, but they arrive every 100 ms.
    let freeAt = 0;
    const send: Send = async () => {
      freeAt = Math.max(freeAt, clock.now()) + 150;
      await clock.sleepUntil(freeAt);
      return { status: 303, body: "", header: () => undefined };
    };
    const run = runOpenLoop(
      countingFlow(),
      { ...options, ratePerS: 10, durationS: 2 },
      send,
      clock,
    );
    await clock.run();
    const result = await run;

    const ms = latencies(result);
    expect(ms[0]).toBe(150);
    // The n-th request waits for the n before it: 150 + 50 n.
    expect(ms.at(-1)).toBe(150 + 50 * 19);
    expect(percentile(ms, 50)).toBe(150 + 50 * 9);
    expect(percentile(ms, 99)).toBe(150 + 50 * 19);
  });

  it("keeps refusals, answers outside 2xx/3xx and requests without an answer apart", async () => {
    const clock = new VirtualClock();
    const statuses = [303, 200, 500, 0];
    const server = slowServer(
      clock,
      () => 20,
      (n) => statuses[n] ?? 303,
    );
    const run = runOpenLoop(
      countingFlow(),
      { ...options, ratePerS: 4, durationS: 1 },
      server.send,
      clock,
    );
    await clock.run();
    const result = await run;

    expect(result.successes).toBe(1);
    expect(result.failures).toBe(2);
    expect(result.failureReasons.get("refused")).toBe(2);
    expect(result.non2xx3xx).toBe(1);
    expect(result.errors).toBe(1);
    expect(result.sent.map((entry) => entry.state)).toEqual([
      "success",
      "failure",
      "failure",
      "unanswered",
    ]);
  });

  it("counts the sends that left late, and their wait in their latency", async () => {
    const clock = new VirtualClock();
    const server = slowServer(clock, () => 5);
    let sleeps = 0;
    // The sender wakes 250 ms late for the third arrival, as a busy event loop would.
    const lateClock: Clock = {
      now: clock.now,
      sleepUntil: (at) => clock.sleepUntil(sleeps++ === 2 ? at + 250 : at),
    };
    const run = runOpenLoop(
      countingFlow(),
      { ...options, ratePerS: 10, durationS: 0.5 },
      server.send,
      lateClock,
    );
    await clock.run();
    const result = await run;

    expect(server.sentAt).toEqual([0, 100, 450, 450, 450]);
    expect(result.lateSends).toBe(3);
    expect(latencies(result)).toEqual([5, 5, 255, 155, 55]);
  });
});
