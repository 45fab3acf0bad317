import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { lockDataDirectory } from "./data-directory-lock.ts";
import { type EmbeddedDatabase, openPGliteThread } from "./pglite-thread.ts";

type OpenDatabase = { instance: EmbeddedDatabase; unlock: () => void };

/**
 * PostgreSQL's default 128 MB of shared buffers is memory of the server process here, and PGlite
 * touches all of it at start. 16 MB holds this app's working set (its files stay in the OS's page
 * cache): the server's memory falls with it and its throughput does not (the benchmark's README
 * has the figures).
 */
const START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

const state = globalThis as unknown as {
  __pgliteInstances?: Map<string, OpenDatabase>;
  __pgliteUnlockOnExit?: boolean;
};

function openDatabases(): Map<string, OpenDatabase> {
  state.__pgliteInstances ??= new Map();
  return state.__pgliteInstances;
}

/**
 * PGlite allows one open handle per data folder, so every part of a server process (migrations,
 * the Prisma client, each Next.js module graph) must share it: the instance lives on globalThis.
 * Other processes are kept out by a lock file (see data-directory-lock.ts), taken before PGlite
 * reads or writes anything: PGlite's own postmaster.pid holds a fake PID and locks nothing, and
 * two processes writing the same files corrupt them.
 */
export function embeddedDatabase(directory: string): EmbeddedDatabase {
  const databases = openDatabases();
  let open = databases.get(directory);
  if (!open) {
    mkdirSync(directory, { recursive: true });
    const unlock = lockDataDirectory(directory);
    unlockOnExit();
    open = { instance: openPGliteThread({ directory, startParams: START_PARAMS }), unlock };
    databases.set(directory, open);
  }
  return open.instance;
}

/** Shuts PGlite down (a clean checkpoint, nothing left to recover), then releases the lock. */
export async function closeEmbeddedDatabase(directory: string): Promise<void> {
  const databases = openDatabases();
  const open = databases.get(directory);
  if (!open) return;
  databases.delete(directory);
  try {
    if (!open.instance.closed) await open.instance.close();
  } finally {
    open.unlock();
  }
}

export function hasOpenEmbeddedDatabases(): boolean {
  return openDatabases().size > 0;
}

/** Closes every embedded database this process opened; a failure to close one is logged. */
export async function closeAllEmbeddedDatabases(): Promise<void> {
  await Promise.all(
    [...openDatabases().keys()].map((directory) =>
      closeEmbeddedDatabase(directory).catch((error) =>
        console.error(`Closing the embedded database in ${directory} failed:`, error),
      ),
    ),
  );
}

/**
 * Once the process is gone nothing more is written, so its locks can go with it even when the
 * databases were not closed (PGlite then recovers from its WAL on the next open).
 */
function unlockOnExit(): void {
  if (state.__pgliteUnlockOnExit) return;
  state.__pgliteUnlockOnExit = true;
  process.once("exit", () => {
    for (const open of openDatabases().values()) open.unlock();
  });
}
