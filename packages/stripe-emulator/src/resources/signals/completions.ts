/**
 * When Account Evaluations complete. Stripe evaluates asynchronously; the emulator completes
 * each evaluation `delayMs` after it was created (STRIPE_EMULATOR_SIGNALS_DELAY_MS), or never
 * while the control API holds completions (`delayMs` null), so a caller's time-out can be seen.
 * The setting applies to evaluations created after it changes.
 */
export class SignalCompletions {
  private delayMs: number | null;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly defaultDelayMs: number | null) {
    this.delayMs = defaultDelayMs;
  }

  get delay(): number | null {
    return this.delayMs;
  }

  setDelay(delayMs: number | null): void {
    this.delayMs = delayMs;
  }

  /** When an evaluation created now completes (Unix milliseconds), or null for never. */
  dueAt(nowMs: number): number | null {
    return this.delayMs === null ? null : nowMs + this.delayMs;
  }

  schedule(dueAt: number, complete: () => void): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        complete();
      },
      Math.max(0, dueAt - Date.now()),
    );
    this.timers.add(timer);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** After a reset: nothing pending, the configured delay again. */
  reset(): void {
    this.stop();
    this.delayMs = this.defaultDelayMs;
  }
}
