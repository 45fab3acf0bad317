import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Store } from "./store.ts";

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), "stripe-emulator-store-"));
}

describe("Store", () => {
  it("stores, replaces, lists in order and removes", async () => {
    const store = new Store(freshDir(), { fsync: false });
    store.load();
    store.put("customer", "cus_1", { id: "cus_1", name: "Zoë" }, { note: "ünïcode" });
    store.put("customer", "cus_2", { id: "cus_2" });
    store.put("event", "evt_1", { id: "evt_1" });
    store.put("customer", "cus_1", { id: "cus_1", name: "Zoë 2" });
    expect(store.get("cus_1")).toEqual({
      kind: "customer",
      id: "cus_1",
      json: '{"id":"cus_1","name":"Zoë 2"}',
      meta: undefined,
    });
    expect([...store.newestFirst("customer")].map((e) => e.id)).toEqual(["cus_2", "cus_1"]);
    expect([...store.oldestFirst("customer")].map((e) => e.id)).toEqual(["cus_1", "cus_2"]);
    expect(store.count("customer")).toBe(2);
    expect(store.has("event", "cus_1")).toBe(false);
    store.remove("cus_2");
    expect(store.get("cus_2")).toBeUndefined();
    expect(store.count()).toBe(2);
    await store.durable();
    store.close();
  });

  it("changes an ID's kind (a deleted customer) without keeping the old one", () => {
    const store = new Store(freshDir(), { fsync: false });
    store.load();
    store.put("customer", "cus_1", { id: "cus_1" });
    store.put("deleted_customer", "cus_1", { id: "cus_1", deleted: true });
    expect(store.getOf("customer", "cus_1")).toBeUndefined();
    expect(store.getOf("deleted_customer", "cus_1")?.json).toContain("deleted");
    expect(store.count("customer")).toBe(0);
    store.close();
  });

  it("survives a reload: journal replayed, compacted, torn last line skipped", async () => {
    const dir = freshDir();
    const first = new Store(dir, { fsync: false });
    first.load();
    for (let i = 0; i < 100; i++) first.put("customer", `cus_${i}`, { id: `cus_${i}`, i });
    first.remove("cus_5");
    await first.durable();
    appendFileSync(join(dir, "journal.jsonl"), '{"op":"put","k":"customer","id":"cus_x","o":{"i');
    const second = new Store(dir, { fsync: false });
    second.load();
    expect(second.count("customer")).toBe(99);
    expect(second.get("cus_99")?.json).toBe('{"id":"cus_99","i":99}');
    expect(second.get("cus_x")).toBeUndefined();
    expect(readFileSync(join(dir, "journal.jsonl"), "utf8")).toBe("");
    expect(
      readFileSync(join(dir, "snapshot.jsonl"), "utf8").split("\n").filter(Boolean),
    ).toHaveLength(99);
    second.close();
  });

  it("refuses a data directory another live process holds, takes over a stale lock", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "emulator.lock"), String(process.ppid));
    expect(() => new Store(dir, { fsync: false })).toThrow(/in use by process/);
    writeFileSync(join(dir, "emulator.lock"), "999999999");
    const store = new Store(dir, { fsync: false });
    expect(readFileSync(join(dir, "emulator.lock"), "utf8")).toBe(String(process.pid));
    store.close();
  });

  it("holds objects larger than one arena chunk", () => {
    const store = new Store(freshDir(), { fsync: false });
    store.load();
    const big = "x".repeat(9 * 1024 * 1024);
    store.put("blob", "b_1", { big });
    store.put("blob", "b_2", { small: true });
    expect(store.get("b_1")?.json.length).toBe(big.length + 10);
    expect(store.get("b_2")?.json).toBe('{"small":true}');
    store.close();
  });
});
