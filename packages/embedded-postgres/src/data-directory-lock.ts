import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";

/** The lock file inside a locked data directory. */
export const LOCK_FILE = "radar.lock";

/** A lock file still empty after this long was left by a process that died while creating it. */
const EMPTY_LOCK_GRACE_MS = 5_000;

export class DataDirectoryLockedError extends Error {
  constructor(
    readonly directory: string,
    readonly owner: number | undefined,
  ) {
    super(
      `The embedded database in ${directory} is in use by ${owner ? `process ${owner}` : "another process"} ` +
        `(lock file ${join(directory, LOCK_FILE)}). PGlite cannot share its files: stop that process ` +
        "(another `npm start` or `npm run dev`?) or set DATA_DIR to another directory.",
    );
    this.name = "DataDirectoryLockedError";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

type LockFile = { owner: number | undefined; path: string };

function readOwner(path: string): number | undefined {
  const owner = Number(readFileSync(path, "utf8").trim());
  return Number.isInteger(owner) && owner > 0 ? owner : undefined;
}

function holder(path: string): LockFile | "gone" {
  try {
    return { owner: readOwner(path), path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
}

function isStale(lock: LockFile): boolean {
  if (lock.owner === undefined) {
    // Created but not yet written (the owner writes right after creating), or its writer died.
    try {
      return Date.now() - statSync(lock.path).mtimeMs > EMPTY_LOCK_GRACE_MS;
    } catch {
      return true;
    }
  }
  return lock.owner === process.pid || !alive(lock.owner);
}

/**
 * Moves a stale lock out of the way. Renaming is atomic, so of several processes taking over the
 * same stale lock only one moves it; a process that moved a lock someone had just re-created
 * (it no longer names the dead owner) puts it back.
 */
function removeStale(lock: LockFile): void {
  const aside = `${lock.path}.stale-${process.pid}`;
  try {
    renameSync(lock.path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  let moved: number | undefined;
  try {
    moved = readOwner(aside);
  } catch {
    moved = undefined;
  }
  if (moved !== lock.owner) {
    try {
      linkSync(aside, lock.path);
    } catch {
      // Someone else holds it by now; they will find the owner that way.
    }
  }
  rmSync(aside, { force: true });
}

/**
 * Takes the data directory for this process: a lock file created with O_EXCL that holds the
 * owner's PID. A lock whose process no longer runs (SIGKILL, a crash, a power cut) is taken over;
 * a live owner makes this throw DataDirectoryLockedError, naming it and the directory, before
 * anything in the directory is touched. Returns the release function.
 */
export function lockDataDirectory(directory: string): () => void {
  const path = join(directory, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx", 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const lock = holder(path);
      if (lock === "gone") continue;
      if (!isStale(lock)) throw new DataDirectoryLockedError(directory, lock.owner);
      removeStale(lock);
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Only our own lock: never one a later process took over.
      const current = holder(path);
      if (current !== "gone" && current.owner === process.pid) rmSync(path, { force: true });
    };
  }
  throw new DataDirectoryLockedError(directory, undefined);
}
