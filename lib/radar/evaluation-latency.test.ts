import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/** A fresh copy of the module: its recent evaluations are the process's, kept between calls. */
const freshModule = () => import("@/lib/radar/evaluate-account");

describe("the typical evaluation time", () => {
  beforeEach(() => {
    vi.resetModules();
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is nothing before any evaluation, so the first log-in waits for none", async () => {
    const latency = await freshModule();
    expect(latency.typicalEvaluationMs()).toBe(0);
  });

  it("is the median of the recent evaluations, so one slow call does not move it", async () => {
    const latency = await freshModule();
    for (const ms of [10, 12, 11, 500, 13]) latency.recordEvaluationTime(ms);
    expect(latency.typicalEvaluationMs()).toBe(12);
  });

  it("forgets all but the 16 most recent", async () => {
    const latency = await freshModule();
    for (let i = 0; i < 16; i++) latency.recordEvaluationTime(1_000);
    for (let i = 0; i < 16; i++) latency.recordEvaluationTime(40);
    expect(latency.typicalEvaluationMs()).toBe(40);
  });

  it("is how long a log-in without an account waits", async () => {
    const latency = await freshModule();
    for (const ms of [30, 20, 25]) latency.recordEvaluationTime(ms);
    let waited = false;
    const wait = latency.waitAsLongAsAnEvaluation().then(() => {
      waited = true;
    });
    await vi.advanceTimersByTimeAsync(24);
    expect(waited).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await wait;
    expect(waited).toBe(true);
  });
});
