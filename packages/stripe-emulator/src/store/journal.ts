import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";

const RESOLVED = Promise.resolve();

/** One journal line: an object written (`o` is its JSON) or removed. */
export type JournalRecord =
  | { op: "put"; kind: string; id: string; json: string; meta?: string }
  | { op: "del"; id: string };

export function encodeRecord(record: JournalRecord): string {
  if (record.op === "del") return `{"op":"del","id":${JSON.stringify(record.id)}}\n`;
  const meta = record.meta === undefined ? "" : `,"m":${record.meta}`;
  return `{"op":"put","k":${JSON.stringify(record.kind)},"id":${JSON.stringify(record.id)},"o":${record.json}${meta}}\n`;
}

interface DecodedLine {
  op: string;
  id: string;
  k?: string;
  o?: unknown;
  m?: unknown;
}

/** Decodes a file of journal lines; a torn or corrupt line (a crash mid-write) is skipped. */
export function decodeRecords(text: string): JournalRecord[] {
  const records: JournalRecord[] = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    let decoded: DecodedLine;
    try {
      decoded = JSON.parse(line) as DecodedLine;
    } catch {
      continue;
    }
    if (decoded.op === "del" && typeof decoded.id === "string") {
      records.push({ op: "del", id: decoded.id });
    } else if (decoded.op === "put" && typeof decoded.k === "string" && decoded.o !== undefined) {
      records.push({
        op: "put",
        kind: decoded.k,
        id: decoded.id,
        json: JSON.stringify(decoded.o),
        meta: decoded.m === undefined ? undefined : JSON.stringify(decoded.m),
      });
    }
  }
  return records;
}

/**
 * Append-only journal plus snapshot. Writes are grouped: records appended during one turn of
 * the event loop are written with a single write(2) before any of their responses is sent, so
 * an acknowledged change survives a process crash. With `fsync` the batch is also fdatasync'd,
 * which extends the guarantee to power loss at a latency cost.
 */
export class Journal {
  private fd: number;
  private pending: string[] = [];
  private waiters: Array<() => void> = [];
  private batch: Promise<void> | null = null;
  private scheduled = false;
  private readonly journalPath: string;
  private readonly snapshotPath: string;

  constructor(
    private readonly dir: string,
    private readonly fsync: boolean,
  ) {
    this.journalPath = join(dir, "journal.jsonl");
    this.snapshotPath = join(dir, "snapshot.jsonl");
    this.fd = openSync(this.journalPath, "a");
  }

  /** Snapshot records then journal records, in the order they were written. */
  readAll(): JournalRecord[] {
    const read = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : "");
    return [...decodeRecords(read(this.snapshotPath)), ...decodeRecords(read(this.journalPath))];
  }

  append(record: JournalRecord): void {
    this.pending.push(encodeRecord(record));
    this.schedule();
  }

  /** Resolves once everything appended so far is written (one promise per batch). */
  durable(): Promise<void> {
    if (this.pending.length === 0) return RESOLVED;
    if (!this.batch) {
      this.batch = new Promise((resolve) => {
        this.waiters.push(resolve);
      });
      this.schedule();
    }
    return this.batch;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.length > 0) {
      const chunk = this.pending.join("");
      this.pending = [];
      writeSync(this.fd, chunk);
      if (this.fsync) fdatasyncSync(this.fd);
    }
    const waiters = this.waiters;
    this.waiters = [];
    this.batch = null;
    for (const resolve of waiters) resolve();
  }

  /**
   * Replaces snapshot + journal by a snapshot of `records`. The new snapshot is fsync'd and
   * renamed into place before the journal is truncated; a crash in between replays both, and
   * replaying a put twice is harmless.
   */
  compact(records: Iterable<JournalRecord>): void {
    this.flush();
    const tmp = `${this.snapshotPath}.tmp`;
    const fd = openSync(tmp, "w");
    let chunk = "";
    for (const record of records) {
      chunk += encodeRecord(record);
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = "";
      }
    }
    if (chunk) writeSync(fd, chunk);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.snapshotPath);
    closeSync(this.fd);
    this.fd = openSync(this.journalPath, "w");
  }

  /** Deletes everything on disk. */
  clear(): void {
    this.pending = [];
    closeSync(this.fd);
    rmSync(this.snapshotPath, { force: true });
    this.fd = openSync(this.journalPath, "w");
    this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  get directory(): string {
    return this.dir;
  }
}
