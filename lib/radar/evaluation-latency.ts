/**
 * How long a log-in's evaluation usually takes here, so that a log-in for an email with no
 * account (which has no customer to evaluate) can take as long, and the response time does not
 * say whether the account exists. A median of the recent evaluations, kept in the process.
 */
const RECENT = 16;
const recent: number[] = [];
let next = 0;

export function recordEvaluationTime(ms: number): void {
  recent[next] = ms;
  next = (next + 1) % RECENT;
}

export function typicalEvaluationMs(): number {
  if (recent.length === 0) return 0;
  const sorted = [...recent].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
}

/** Waits as long as an evaluation usually takes. */
export function waitAsLongAsAnEvaluation(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, typicalEvaluationMs()));
}
