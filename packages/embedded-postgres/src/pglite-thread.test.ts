import { messages, type ParserOptions, PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedDatabase, openPGliteThread } from "./pglite-thread.ts";

const INT8 = 20;
const INT8_ARRAY = 1016;
const TIMESTAMPTZ = 1184;
const JSONB = 3802;

/** Parsers shaped like Prisma's adapter's: some scalar types and an array type, kept as text. */
const tagged: ParserOptions = {
  [INT8]: (value) => `int8:${value}`,
  [INT8_ARRAY]: (value) => `int8[]:${value}`,
  [TIMESTAMPTZ]: (value) => `timestamptz:${value}`,
  [JSONB]: (value) => `jsonb:${value}`,
};

const ROW = `SELECT 9007199254740993::int8 AS big, '{1,2}'::int8[] AS bigs,
  '2026-11-30 12:00:00.123456+00'::timestamptz AS at, '{"a":1}'::jsonb AS doc,
  '{1.5,2}'::numeric[] AS numerics, 7::int4 AS small, $1::text AS label, NULL::int8 AS nothing`;

/** How often a 1 ms interval ran while `work` was busy. */
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

const busyStatements = (db: Pick<EmbeddedDatabase, "query">) =>
  Promise.all(
    Array.from({ length: 150 }, () => db.query("SELECT sum(x) FROM generate_series(1, 20000) x")),
  );

describe("openPGliteThread", () => {
  let bare: PGlite;
  let db: EmbeddedDatabase;
  beforeAll(async () => {
    bare = await PGlite.create();
    db = openPGliteThread({ directory: "memory://", startParams: PGlite.defaultStartParams });
  });
  afterAll(async () => {
    await bare.close();
    await db.close();
  });

  it("returns what PGlite on this thread returns, with the caller's parsers, in both row modes", async () => {
    for (const rowMode of ["array", "object"] as const) {
      const expected = (await bare.query(ROW, ["x"], { rowMode, parsers: tagged })).rows;
      expect((await db.query(ROW, ["x"], { rowMode, parsers: tagged })).rows).toEqual(expected);
      const inTransaction = await db.transaction(
        async (tx) => (await tx.query(ROW, ["x"], { rowMode, parsers: tagged })).rows,
      );
      expect(inTransaction).toEqual(expected);
    }
    expect((await db.query(ROW, ["x"], { rowMode: "array", parsers: tagged })).rows[0]).toEqual([
      "int8:9007199254740993",
      "int8[]:{1,2}",
      "timestamptz:2026-11-30 12:00:00.123456+00",
      'jsonb:{"a": 1}',
      ["1.5", "2"],
      7,
      "x",
      null,
    ]);
  });

  it("leaves the main thread free while statements run, which PGlite on it does not", async () => {
    expect(await ticksDuring(() => busyStatements(bare))).toBe(0);
    expect(await ticksDuring(() => busyStatements(db))).toBeGreaterThan(20);
  });

  it("runs statements in the order they were sent, a failed one included", async () => {
    await db.exec("CREATE TEMP TABLE sent (n int)");
    const inserts = Array.from({ length: 20 }, (_, n) =>
      n === 7
        ? db.query("INSERT INTO missing VALUES (1)")
        : db.query(`INSERT INTO sent VALUES (${n})`),
    );
    const results = await Promise.allSettled(inserts);
    expect(results.filter((result) => result.status === "rejected")).toHaveLength(1);
    const { rows } = await db.query<{ n: number }>("SELECT n FROM sent");
    expect(rows.map((row) => row.n)).toEqual([...Array(20).keys()].filter((n) => n !== 7));
  });

  it("returns PostgreSQL's errors as PGlite's DatabaseError, with their fields", async () => {
    await db.exec("CREATE TEMP TABLE person (email text CONSTRAINT person_email UNIQUE)");
    await db.query("INSERT INTO person VALUES ($1)", ["a@example.test"]);
    const error = await db
      .query("INSERT INTO person VALUES ($1)", ["a@example.test"])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(messages.DatabaseError);
    expect(error).toMatchObject({
      code: "23505",
      constraint: "person_email",
      severity: "ERROR",
      message: expect.stringContaining("duplicate key"),
    });
  });

  it("keeps a transaction whole while other statements wait", async () => {
    await db.exec("CREATE TEMP TABLE counter (n int); INSERT INTO counter VALUES (0)");
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          const { rows } = await tx.query<{ n: number }>("SELECT n FROM counter");
          await tx.query("UPDATE counter SET n = $1", [(rows[0]?.n ?? 0) + 1]);
        }),
      ),
    );
    expect((await db.query<{ n: number }>("SELECT n FROM counter")).rows[0]?.n).toBe(20);
  });

  it("rolls back a transaction whose callback throws, or that rolls back, and keeps the error", async () => {
    await db.exec("CREATE TEMP TABLE kept (n int)");
    const thrown = new Error("the caller's own failure");
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO kept VALUES (1)");
        throw thrown;
      }),
    ).rejects.toBe(thrown);
    const rolledBack = await db.transaction(async (tx) => {
      await tx.query("INSERT INTO kept VALUES (2)");
      await tx.rollback();
      return tx.closed;
    });
    expect(rolledBack).toBe(true);
    await db.transaction(async (tx) => {
      await tx.exec("INSERT INTO kept VALUES (3)");
    });
    expect((await db.query<{ n: number }>("SELECT n FROM kept")).rows).toEqual([{ n: 3 }]);
  });

  describe("statements kept parsed", () => {
    const keptCopies = async (text: string) =>
      (
        await db.query<{ copies: number }>(
          "SELECT count(*)::int AS copies FROM pg_prepared_statements WHERE statement = $1",
          [text],
        )
      ).rows[0]?.copies;

    it("parses a statement once and runs it again by name", async () => {
      const text = "SELECT $1::int4 + 1 AS next";
      expect((await db.query(text, [1])).rows).toEqual([{ next: 2 }]);
      expect((await db.query(text, [41])).rows).toEqual([{ next: 42 }]);
      expect(await keptCopies(text)).toBe(1);
    });

    it("sends parameters of every type as PGlite's own query does", async () => {
      const text = `SELECT $1::timestamptz AS at, $2::jsonb AS doc, $3::int8[] AS list,
        $4::bytea AS bytes, $5::bool AS flag, $6::int8 AS big, $7::text AS nothing,
        $8::numeric AS amount, $9 AS untyped`;
      const params = [
        new Date("2026-11-30T12:00:00.123Z"),
        { a: [1, "two"] },
        [1, 2],
        new Uint8Array([1, 2, 255]),
        true,
        9007199254740993n,
        null,
        "12.50",
        "as text",
      ];
      for (const rowMode of ["array", "object"] as const) {
        const options = { rowMode, parsers: tagged };
        const expected = (await bare.query(text, params, options)).rows;
        expect(expected).toHaveLength(1);
        expect((await db.query(text, params, options)).rows).toEqual(expected);
      }
    });

    it("answers with a table's new shape after a script changed the table", async () => {
      await db.exec("CREATE TEMP TABLE shape (a int); INSERT INTO shape VALUES (1)");
      expect((await db.query("SELECT * FROM shape")).rows).toEqual([{ a: 1 }]);
      await db.exec("ALTER TABLE shape ADD COLUMN b text DEFAULT 'x'");
      expect((await db.query("SELECT * FROM shape")).rows).toEqual([{ a: 1, b: "x" }]);
    });

    it("keeps a statement first parsed in a transaction that rolled back", async () => {
      const text = "SELECT $1::text || '!' AS shout";
      await db.transaction(async (tx) => {
        await tx.query(text, ["a"]);
        await tx.rollback();
      });
      expect((await db.query(text, ["b"])).rows).toEqual([{ shout: "b!" }]);
    });

    it("refuses a statement that does not parse each time it is sent, and goes on", async () => {
      for (const _ of [1, 2]) {
        await expect(db.query("SELEC 1")).rejects.toMatchObject({ code: "42601" });
      }
      expect((await db.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    });

    it("lets its statements go once it keeps too many (500)", async () => {
      for (let n = 0; n < 600; n++) await db.query(`SELECT ${n} AS n`);
      const { rows } = await db.query<{ kept: number }>(
        "SELECT count(*)::int AS kept FROM pg_prepared_statements",
      );
      expect(rows[0]?.kept).toBeGreaterThan(0);
      expect(rows[0]?.kept).toBeLessThanOrEqual(500);
    });
  });

  it("refuses statements once closed, with an error that says so", async () => {
    const closing = openPGliteThread({
      directory: "memory://",
      startParams: PGlite.defaultStartParams,
    });
    expect((await closing.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    await closing.close();
    expect(closing.closed).toBe(true);
    await expect(closing.query("SELECT 1")).rejects.toThrow("The embedded database is closed");
  });
});
