import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirectoryLockedError, LOCK_FILE, lockDataDirectory } from "./data-directory-lock.ts";
import { closeEmbeddedDatabase, embeddedDatabase } from "./embedded-database.ts";

const FIXTURE = fileURLToPath(new URL("./testing/embedded-database-process.ts", import.meta.url));

const directories: string[] = [];
async function freshDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), "radar-pglite-lock-"));
  directories.push(directory);
  return directory;
}

afterEach(async () => {
  for (const directory of directories.splice(0)) {
    await closeEmbeddedDatabase(directory);
    await rm(directory, { recursive: true, force: true });
  }
});

type Child = {
  process: ChildProcess;
  lines: string[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLine(matches: (line: string) => boolean): Promise<string>;
};

function run(mode: "open" | "write", directory: string): Child {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, mode, directory], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters: { matches: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  let pending = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (pending + chunk).split("\n");
    pending = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      for (const waiter of waiters.splice(0)) {
        if (waiter.matches(line)) waiter.resolve(line);
        else waiters.push(waiter);
      }
    }
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    lines,
    stderr: () => stderr,
    exited,
    waitForLine: (matches) =>
      Promise.race([
        new Promise<string>((resolve) => {
          const seen = lines.find(matches);
          if (seen !== undefined) resolve(seen);
          else waiters.push({ matches, resolve });
        }),
        exited.then(({ code, signal }) => {
          throw new Error(
            `Fixture exited (${code ?? signal}) early:\n${lines.join("\n")}\n${stderr}`,
          );
        }),
      ]),
  };
}

const lastCommitted = (child: Child) =>
  Math.max(0, ...child.lines.map((line) => Number(/^committed (\d+)$/.exec(line)?.[1] ?? 0)));

async function rowCount(directory: string): Promise<number> {
  const db = embeddedDatabase(directory);
  const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM item");
  await closeEmbeddedDatabase(directory);
  return rows[0]?.n ?? 0;
}

/** Every file's path, size and modification time. */
async function snapshot(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      const { size, mtimeMs } = statSync(path);
      return `${path} ${size} ${mtimeMs}`;
    })
    .sort();
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid as number;
}

describe("data directory lock", () => {
  it("refuses a directory locked by a live process, naming the process and the directory", async () => {
    const directory = await freshDirectory();
    writeFileSync(join(directory, LOCK_FILE), `${process.ppid}\n`);
    const attempt = () => lockDataDirectory(directory);
    expect(attempt).toThrow(DataDirectoryLockedError);
    expect(attempt).toThrow(`in use by process ${process.ppid}`);
    expect(attempt).toThrow(directory);
    expect(readFileSync(join(directory, LOCK_FILE), "utf8")).toBe(`${process.ppid}\n`);
  });

  it("takes over a lock left by a process that no longer runs, and releases only its own", async () => {
    const directory = await freshDirectory();
    const lockFile = join(directory, LOCK_FILE);
    writeFileSync(lockFile, `${await deadPid()}\n`);
    const release = lockDataDirectory(directory);
    expect(readFileSync(lockFile, "utf8")).toBe(`${process.pid}\n`);
    writeFileSync(lockFile, `${process.ppid}\n`); // someone took it over meanwhile
    release();
    expect(readFileSync(lockFile, "utf8")).toBe(`${process.ppid}\n`);
  });

  it("treats an empty lock file as being written, unless it is old", async () => {
    const directory = await freshDirectory();
    const lockFile = join(directory, LOCK_FILE);
    writeFileSync(lockFile, "");
    expect(() => lockDataDirectory(directory)).toThrow("in use by another process");
    utimesSync(lockFile, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    lockDataDirectory(directory)();
    expect(existsSync(lockFile)).toBe(false);
  });
});

describe("embedded database across processes", () => {
  it("keeps a second process out of an open database without touching its files", async () => {
    const directory = await freshDirectory();
    const db = embeddedDatabase(directory);
    await db.exec("CREATE TABLE item (id serial PRIMARY KEY, body text NOT NULL)");
    await db.exec("INSERT INTO item (body) VALUES ('kept')");
    const before = await snapshot(directory);

    const second = run("open", directory);
    const line = await second.waitForLine((l) => l.startsWith("{"));
    expect(await second.exited).toEqual({ code: 1, signal: null });
    const { error } = JSON.parse(line) as { error: string };
    expect(error).toContain(`in use by process ${process.pid}`);
    expect(error).toContain(directory);

    expect(await snapshot(directory)).toEqual(before);
    expect((await db.query("SELECT body FROM item")).rows).toEqual([{ body: "kept" }]);
    await closeEmbeddedDatabase(directory);
    expect(existsSync(join(directory, LOCK_FILE))).toBe(false);
  }, 90_000);

  it("closes the database on SIGTERM: exit code 143, lock released, every commit there", async () => {
    const directory = await freshDirectory();
    const writer = run("write", directory);
    await writer.waitForLine((line) => line === "committed 50");
    writer.process.kill("SIGTERM");
    expect(await writer.exited).toEqual({ code: 143, signal: null });
    expect(existsSync(join(directory, LOCK_FILE))).toBe(false);
    expect(await rowCount(directory)).toBeGreaterThanOrEqual(lastCommitted(writer));
  }, 90_000);

  it("reopens with every commit after SIGKILLs in the middle of writes", async () => {
    const directory = await freshDirectory();
    let committed = 0;
    for (let kill = 0; kill < 5; kill++) {
      const writer = run("write", directory);
      // The reopen: it takes over the dead writer's lock and finds what it committed.
      const opened = JSON.parse(await writer.waitForLine((line) => line.startsWith("{"))) as {
        rows: number;
      };
      expect(opened.rows).toBeGreaterThanOrEqual(committed);
      await writer.waitForLine((line) => line.startsWith("committed"));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
      writer.process.kill("SIGKILL");
      expect(await writer.exited).toEqual({ code: null, signal: "SIGKILL" });
      committed = lastCommitted(writer);
    }
    expect(await rowCount(directory)).toBeGreaterThanOrEqual(committed);
  }, 180_000);
});
