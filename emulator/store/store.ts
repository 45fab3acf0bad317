import { mkdirSync } from "node:fs";
import { Journal, type JournalRecord } from "./journal";

/** An object as kept in memory: its API JSON (served as is) and optional internal facts. */
export interface Entry {
  kind: string;
  id: string;
  json: string;
  meta?: string;
}

/**
 * All emulator state. Objects are held as their JSON text, which keeps 100,000s of them small
 * and lets reads answer without re-serialising. Every change goes through the journal.
 */
export class Store {
  private readonly entries = new Map<string, Entry>();
  private readonly order = new Map<string, string[]>();
  private readonly journal: Journal;

  constructor(dir: string, options: { fsync: boolean }) {
    mkdirSync(dir, { recursive: true });
    this.journal = new Journal(dir, options.fsync);
  }

  /** Loads snapshot and journal, then rewrites them as one snapshot. */
  load(): void {
    for (const record of this.journal.readAll()) this.applyRecord(record);
    this.compact();
  }

  private applyRecord(record: JournalRecord): void {
    if (record.op === "del") {
      this.entries.delete(record.id);
      return;
    }
    const entry: Entry = { kind: record.kind, id: record.id, json: record.json, meta: record.meta };
    if (!this.entries.has(record.id)) this.orderOf(record.kind).push(record.id);
    this.entries.set(record.id, entry);
  }

  private orderOf(kind: string): string[] {
    let ids = this.order.get(kind);
    if (!ids) {
      ids = [];
      this.order.set(kind, ids);
    }
    return ids;
  }

  get(id: string): Entry | undefined {
    return this.entries.get(id);
  }

  getOf(kind: string, id: string): Entry | undefined {
    const entry = this.entries.get(id);
    return entry?.kind === kind ? entry : undefined;
  }

  /** Stores an object (new or replaced) and journals it; returns its JSON. */
  put(kind: string, id: string, object: unknown, meta?: unknown): string {
    const json = JSON.stringify(object);
    const record: JournalRecord = {
      op: "put",
      kind,
      id,
      json,
      meta: meta === undefined ? undefined : JSON.stringify(meta),
    };
    this.applyRecord(record);
    this.journal.append(record);
    return json;
  }

  /** Stores an object already serialised (e.g. a compact encoding); journals it as is. */
  putJson(kind: string, id: string, json: string, meta?: string): void {
    const record: JournalRecord = { op: "put", kind, id, json, meta };
    this.applyRecord(record);
    this.journal.append(record);
  }

  remove(id: string): void {
    if (!this.entries.has(id)) return;
    this.applyRecord({ op: "del", id });
    this.journal.append({ op: "del", id });
  }

  /** IDs of a kind, newest first. */
  *newestFirst(kind: string): Generator<Entry> {
    const ids = this.order.get(kind) ?? [];
    for (let i = ids.length - 1; i >= 0; i--) {
      const id = ids[i];
      const entry = id === undefined ? undefined : this.entries.get(id);
      if (entry) yield entry;
    }
  }

  /** Entries of a kind, oldest first. */
  *oldestFirst(kind: string): Generator<Entry> {
    for (const id of this.order.get(kind) ?? []) {
      const entry = this.entries.get(id);
      if (entry) yield entry;
    }
  }

  count(kind?: string): number {
    if (!kind) return this.entries.size;
    let n = 0;
    for (const entry of this.entries.values()) if (entry.kind === kind) n++;
    return n;
  }

  durable(): Promise<void> {
    return this.journal.durable();
  }

  compact(): void {
    const entries = this.entries;
    function* records(): Generator<JournalRecord> {
      for (const entry of entries.values()) {
        yield { op: "put", kind: entry.kind, id: entry.id, json: entry.json, meta: entry.meta };
      }
    }
    this.journal.compact(records());
    for (const [kind, ids] of this.order) {
      this.order.set(
        kind,
        ids.filter((id) => entries.has(id)),
      );
    }
  }

  reset(): void {
    this.entries.clear();
    this.order.clear();
    this.journal.clear();
  }

  close(): void {
    this.journal.close();
  }

  /** Writes pending records now (used before exit). */
  flush(): void {
    this.journal.flush();
  }
}
