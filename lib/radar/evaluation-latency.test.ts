import { describe, expect, it } from "vitest";
import {
  recordEvaluationTime,
  typicalEvaluationMs,
  waitAsLongAsAnEvaluation,
} from "@/lib/radar/evaluation-latency";

describe("the typical evaluation time", () => {
  it("is the median of the recent evaluations, so one slow call does not move it", async () => {
    for (const ms of [10, 12, 11, 500, 13]) recordEvaluationTime(ms);
    expect(typicalEvaluationMs()).toBe(12);
    const started = performance.now();
    await waitAsLongAsAnEvaluation();
    expect(performance.now() - started).toBeGreaterThanOrEqual(11);
  });

  it("forgets all but the 16 most recent", () => {
    for (let i = 0; i < 16; i++) recordEvaluationTime(40);
    expect(typicalEvaluationMs()).toBe(40);
  });
});
