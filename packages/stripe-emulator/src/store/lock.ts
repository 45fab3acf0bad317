import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * One emulator per data directory: two processes appending to the same journal would corrupt
 * it. The lock file holds the owner's PID; a lock left by a process that no longer runs (e.g.
 * after SIGKILL) is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, "emulator.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
        throw new Error(
          `The Stripe emulator data directory ${dir} is in use by process ${owner}. Stop it or set STRIPE_EMULATOR_DATA_DIR to another directory.`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock the Stripe emulator data directory ${dir}`);
}
