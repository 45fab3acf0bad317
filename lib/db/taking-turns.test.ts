import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takingTurns } from "@/lib/db/taking-turns";

/** How often a 1 ms interval ran while `work` was busy with many queued statements. */
async function ticksDuring(work: () => Promise<unknown>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => {
    ticks += 1;
  }, 1);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

const busyStatements = (db: PGlite) =>
  Promise.all(
    Array.from({ length: 150 }, () => db.query("SELECT sum(x) FROM generate_series(1, 20000) x")),
  );

describe("takingTurns", () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
  });
  afterAll(async () => {
    await db.close();
  });

  it("lets the event loop run between queued statements, which bare PGlite does not", async () => {
    expect(await ticksDuring(() => busyStatements(db))).toBe(0);
    expect(await ticksDuring(() => busyStatements(takingTurns(db)))).toBeGreaterThan(5);
  });

  it("runs statements in the order they were sent, a failed one included", async () => {
    const turns = takingTurns(db);
    await turns.exec("CREATE TEMP TABLE sent (n int)");
    const inserts = Array.from({ length: 20 }, (_, n) =>
      n === 7
        ? turns.query("INSERT INTO missing VALUES (1)")
        : turns.query(`INSERT INTO sent VALUES (${n})`),
    );
    const results = await Promise.allSettled(inserts);
    expect(results.filter((result) => result.status === "rejected")).toHaveLength(1);
    const { rows } = await turns.query<{ n: number }>("SELECT n FROM sent");
    expect(rows.map((row) => row.n)).toEqual([...Array(20).keys()].filter((n) => n !== 7));
  });

  it("keeps a transaction whole while other statements wait", async () => {
    const turns = takingTurns(db);
    await turns.exec("CREATE TEMP TABLE counter (n int); INSERT INTO counter VALUES (0)");
    await Promise.all(
      Array.from({ length: 20 }, () =>
        turns.transaction(async (tx) => {
          const { rows } = await tx.query<{ n: number }>("SELECT n FROM counter");
          await tx.query("UPDATE counter SET n = $1", [(rows[0]?.n ?? 0) + 1]);
        }),
      ),
    );
    expect((await turns.query<{ n: number }>("SELECT n FROM counter")).rows[0]?.n).toBe(20);
  });
});
