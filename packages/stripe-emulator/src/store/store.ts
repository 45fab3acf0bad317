import { mkdirSync } from "node:fs";
import { TextArena } from "./arena.ts";
import { Journal, type JournalRecord } from "./journal.ts";
import { lockDataDir } from "./lock.ts";

/** An object as stored: its JSON (served as is) and optional internal facts. */
export interface Entry {
  kind: string;
  id: string;
  json: string;
  meta?: string;
}

const NO_META = 0xffffffff;

/** Growable typed columns describing each stored object (one row per slot). */
class Slots {
  kind = new Uint16Array(1024);
  jsonChunk = new Uint16Array(1024);
  jsonOffset = new Uint32Array(1024);
  jsonLength = new Uint32Array(1024);
  metaChunk = new Uint16Array(1024);
  metaOffset = new Uint32Array(1024);
  metaLength = new Uint32Array(1024);
  ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  add(id: string): number {
    const slot = this.ids.length;
    if (slot >= this.kind.length) this.grow(this.kind.length * 2);
    this.ids.push(id);
    return slot;
  }

  private grow(capacity: number): void {
    const grown = <T extends Uint16Array | Uint32Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array);
      return next;
    };
    this.kind = grown(this.kind, (n) => new Uint16Array(n));
    this.jsonChunk = grown(this.jsonChunk, (n) => new Uint16Array(n));
    this.jsonOffset = grown(this.jsonOffset, (n) => new Uint32Array(n));
    this.jsonLength = grown(this.jsonLength, (n) => new Uint32Array(n));
    this.metaChunk = grown(this.metaChunk, (n) => new Uint16Array(n));
    this.metaOffset = grown(this.metaOffset, (n) => new Uint32Array(n));
    this.metaLength = grown(this.metaLength, (n) => new Uint32Array(n));
  }
}

/**
 * All emulator state. Each object is kept as JSON text in an off-heap arena with an in-memory
 * index (ID → slot, per-kind order), which keeps 100,000s of objects small and lets reads answer
 * without re-serialising. Every change goes through the journal.
 */
export class Store {
  private arena = new TextArena();
  private slots = new Slots();
  private readonly slotById = new Map<string, number>();
  private readonly kindCodes = new Map<string, number>();
  private readonly kindNames: string[] = [""];
  private readonly order = new Map<number, number[]>();
  private readonly counts = new Map<number, number>();
  private readonly journal: Journal;
  private readonly unlock: () => void;

  constructor(dir: string, options: { fsync: boolean }) {
    mkdirSync(dir, { recursive: true });
    this.unlock = lockDataDir(dir);
    this.journal = new Journal(dir, options.fsync);
  }

  /** Loads snapshot and journal, then rewrites them as one snapshot. */
  load(): void {
    for (const record of this.journal.readAll()) this.applyRecord(record);
    this.compact();
  }

  private kindCode(kind: string): number {
    let code = this.kindCodes.get(kind);
    if (code === undefined) {
      code = this.kindNames.length;
      this.kindNames.push(kind);
      this.kindCodes.set(kind, code);
      this.order.set(code, []);
    }
    return code;
  }

  private applyRecord(record: JournalRecord): void {
    if (record.op === "del") {
      const slot = this.slotById.get(record.id);
      if (slot === undefined) return;
      const code = this.slots.kind[slot] ?? 0;
      this.counts.set(code, (this.counts.get(code) ?? 1) - 1);
      this.slots.kind[slot] = 0;
      this.slotById.delete(record.id);
      return;
    }
    const code = this.kindCode(record.kind);
    let slot = this.slotById.get(record.id);
    if (slot === undefined || this.slots.kind[slot] !== code) {
      if (slot !== undefined) this.applyRecord({ op: "del", id: record.id });
      slot = this.slots.add(record.id);
      this.slotById.set(record.id, slot);
      this.order.get(code)?.push(slot);
      this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
    }
    const s = this.slots;
    s.kind[slot] = code;
    const json = this.arena.write(record.json);
    s.jsonChunk[slot] = json.chunk;
    s.jsonOffset[slot] = json.offset;
    s.jsonLength[slot] = json.length;
    if (record.meta === undefined) {
      s.metaLength[slot] = NO_META;
    } else {
      const meta = this.arena.write(record.meta);
      s.metaChunk[slot] = meta.chunk;
      s.metaOffset[slot] = meta.offset;
      s.metaLength[slot] = meta.length;
    }
  }

  private entryAt(slot: number): Entry | undefined {
    const s = this.slots;
    const code = s.kind[slot] ?? 0;
    const id = s.ids[slot];
    if (code === 0 || id === undefined) return undefined;
    const metaLength = s.metaLength[slot] ?? NO_META;
    return {
      kind: this.kindNames[code] ?? "",
      id,
      json: this.arena.read(
        s.jsonChunk[slot] ?? 0,
        s.jsonOffset[slot] ?? 0,
        s.jsonLength[slot] ?? 0,
      ),
      meta:
        metaLength === NO_META
          ? undefined
          : this.arena.read(s.metaChunk[slot] ?? 0, s.metaOffset[slot] ?? 0, metaLength),
    };
  }

  get(id: string): Entry | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : this.entryAt(slot);
  }

  /** Whether an object of this kind exists, without reading it. */
  has(kind: string, id: string): boolean {
    return this.storedId(kind, id) !== undefined;
  }

  /**
   * The stored ID string equal to `id`, if an object of this kind has it. An ID parsed from a
   * request is a fresh string; code that goes on using it as a map key (risk indexes) takes
   * this one instead, which those maps already hold, so look-ups compare by reference.
   * Measured with bench/compare.ts against using the request's string: 14,000-19,200 against
   * 10,000-16,500 evaluations/s at 50 clients (slower in 10 of 14 paired rounds), same memory.
   */
  storedId(kind: string, id: string): string | undefined {
    const slot = this.slotById.get(id);
    if (slot === undefined || this.slots.kind[slot] !== this.kindCodes.get(kind)) return undefined;
    return this.slots.ids[slot];
  }

  getOf(kind: string, id: string): Entry | undefined {
    return this.has(kind, id) ? this.get(id) : undefined;
  }

  /** Stores an object (new or replaced) and journals it; returns its JSON. */
  put(kind: string, id: string, object: unknown, meta?: unknown): string {
    const json = JSON.stringify(object);
    this.putJson(kind, id, json, meta === undefined ? undefined : JSON.stringify(meta));
    return json;
  }

  /** Stores an object already serialised (e.g. a compact encoding); journals it as is. */
  putJson(kind: string, id: string, json: string, meta?: string): void {
    const record: JournalRecord = { op: "put", kind, id, json, meta };
    this.applyRecord(record);
    this.journal.append(record);
  }

  remove(id: string): void {
    if (!this.slotById.has(id)) return;
    this.applyRecord({ op: "del", id });
    this.journal.append({ op: "del", id });
  }

  /** Objects of a kind, newest first. */
  *newestFirst(kind: string): Generator<Entry> {
    const code = this.kindCodes.get(kind);
    const slots = code === undefined ? [] : (this.order.get(code) ?? []);
    for (let i = slots.length - 1; i >= 0; i--) {
      const slot = slots[i];
      if (slot === undefined || this.slots.kind[slot] !== code) continue;
      const entry = this.entryAt(slot);
      if (entry) yield entry;
    }
  }

  /** Objects of a kind, oldest first. */
  *oldestFirst(kind: string): Generator<Entry> {
    const code = this.kindCodes.get(kind);
    for (const slot of code === undefined ? [] : (this.order.get(code) ?? [])) {
      if (this.slots.kind[slot] !== code) continue;
      const entry = this.entryAt(slot);
      if (entry) yield entry;
    }
  }

  count(kind?: string): number {
    if (kind === undefined) return this.slotById.size;
    const code = this.kindCodes.get(kind);
    return code === undefined ? 0 : (this.counts.get(code) ?? 0);
  }

  durable(): Promise<void> {
    return this.journal.durable();
  }

  /** Rewrites the journal as a snapshot of the live objects, in the order they were created. */
  compact(): void {
    const live = (function* (store: Store): Generator<JournalRecord> {
      for (let slot = 0; slot < store.slots.size; slot++) {
        const entry = store.entryAt(slot);
        if (entry) yield { op: "put", ...entry };
      }
    })(this);
    this.journal.compact(live);
  }

  reset(): void {
    this.arena.clear();
    this.slots = new Slots();
    this.slotById.clear();
    for (const slots of this.order.values()) slots.length = 0;
    this.counts.clear();
    this.journal.clear();
  }

  close(): void {
    this.journal.close();
    this.unlock();
  }
}
