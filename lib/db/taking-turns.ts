import type { PGlite } from "@electric-sql/pglite";

/** How long statements may run back to back before the event loop gets a turn. */
const SLICE_MS = 5;

/**
 * PGlite runs each statement on the calling thread, and hands the next queued statement its turn
 * in a microtask: under load, statements run back to back and the event loop gets no turn for
 * seconds (measured: a 10 ms timer did not fire once in 8 s with 50 callers), so no response is
 * written and no Stripe answer read until the queue drains. Here the statements queue in order,
 * and once they have run for `SLICE_MS` the next waits for a turn of the event loop
 * (`setImmediate`, after I/O). A transaction is one statement here: its own statements go
 * through PGlite's transaction object. Only what Prisma's PGlite adapter calls (`query`, `exec`,
 * `transaction`) is wrapped; the instance itself is still what is closed.
 */
export function takingTurns(db: PGlite): PGlite {
  let previous: Promise<unknown> = Promise.resolve();
  let sliceStartedAt = performance.now();
  const yieldIfDue = async () => {
    if (performance.now() - sliceStartedAt < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStartedAt = performance.now();
  };
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const result = previous.then(yieldIfDue).then(work);
    previous = result.catch(() => undefined);
    return result;
  };
  const query = db.query.bind(db);
  const exec = db.exec.bind(db);
  const transaction = db.transaction.bind(db);
  return Object.assign(Object.create(db) as PGlite, {
    query: ((...args: Parameters<PGlite["query"]>) =>
      inTurn(() => query(...args))) as PGlite["query"],
    exec: ((...args: Parameters<PGlite["exec"]>) => inTurn(() => exec(...args))) as PGlite["exec"],
    transaction: ((...args: Parameters<PGlite["transaction"]>) =>
      inTurn(() => transaction(...args))) as PGlite["transaction"],
  });
}
