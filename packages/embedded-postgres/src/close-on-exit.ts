import { constants } from "node:os";
import { closeAllEmbeddedDatabases, hasOpenEmbeddedDatabases } from "./embedded-database.ts";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** Longest wait for PGlite to shut down before the process exits anyway. */
const CLOSE_TIMEOUT_MS = 10_000;

const state = globalThis as unknown as { __closeDatabaseOnExit?: boolean };

/**
 * Makes the server process shut the embedded database down cleanly however it ends: on SIGINT,
 * SIGTERM and SIGHUP, on every process.exit(), and when the event loop runs dry.
 *
 * `next start` (and `next dev`) handle SIGINT and SIGTERM themselves: they stop accepting
 * connections, let pending requests finish, then call process.exit(130 or 143) without closing
 * anything of ours. So process.exit is wrapped: while an embedded database is open, the exit waits
 * for it to close, and then exits with the code it was given. A signal that nothing else handles
 * (SIGHUP; every signal when NEXT_MANUAL_SIG_HANDLE is set) exits with 128 + its number the same
 * way. A second signal during the close is ignored; the close is given CLOSE_TIMEOUT_MS.
 */
export function closeDatabaseOnExit(): void {
  if (state.__closeDatabaseOnExit) return;
  state.__closeDatabaseOnExit = true;

  const exit = process.exit.bind(process);
  let closing: Promise<void> | undefined;
  process.exit = ((code?: number | string | null) => {
    if (!closing && !hasOpenEmbeddedDatabases()) return exit(code);
    if (code !== undefined && code !== null) process.exitCode = code;
    if (!closing) {
      const timeout = setTimeout(() => {
        console.error("The embedded database did not close in time; exiting anyway.");
        exit();
      }, CLOSE_TIMEOUT_MS);
      closing = closeAllEmbeddedDatabases().finally(() => {
        clearTimeout(timeout);
        exit();
      });
    }
    return undefined as never;
  }) as typeof process.exit;

  // The event loop ran dry: close, which schedules more work, and the process exits after it.
  process.on("beforeExit", () => {
    if (!closing && hasOpenEmbeddedDatabases()) void closeAllEmbeddedDatabases();
  });

  for (const signal of SIGNALS) {
    const handler = () => {
      // Another handler (Next.js's) ends the process once its requests are done.
      if (process.listeners(signal).some((listener) => listener !== handler)) return;
      process.exit(128 + constants.signals[signal]);
    };
    process.on(signal, handler);
  }
}
