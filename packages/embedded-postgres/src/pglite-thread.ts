import { join } from "node:path";
import { Worker } from "node:worker_threads";
import {
  messages,
  type ParserOptions,
  type Results,
  type RowMode,
  type Transaction,
} from "@electric-sql/pglite";

/**
 * What the server's code asks of an embedded database: what Prisma's PGlite adapter calls
 * (`query` with its parsers, `exec`, `transaction`), and `close`.
 */
export type QueryOptions = { rowMode?: RowMode; parsers?: ParserOptions };
export type EmbeddedTransaction = Pick<Transaction, "rollback" | "closed"> & {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
};
export type EmbeddedDatabase = Omit<EmbeddedTransaction, "rollback"> & {
  transaction<T>(callback: (tx: EmbeddedTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type ThreadOptions = { directory: string; startParams: string[] };

/** A request the main thread posts to the database's thread, and its reply. */
export type Request = { id: number } & (
  | {
      kind: "query";
      sql: string;
      params: unknown[];
      rowMode?: RowMode;
      /** The types whose text comes back unparsed: the caller's parsers parse them. */
      unparsed: number[];
      tx?: number;
    }
  | { kind: "exec"; sql: string; tx?: number }
  | { kind: "begin" }
  | { kind: "end"; tx: number; commit: boolean }
  | { kind: "rollback"; tx: number }
  | { kind: "close" }
);
type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, "id"> : never) : never;
export type ThreadError = {
  database: boolean;
  message: string;
  fields: Record<string, string | number>;
};
export type Reply = { id: number } & ({ result: unknown } | { error: ThreadError });

const WORKER_FILE = join(
  process.cwd(),
  "packages",
  "embedded-postgres",
  "src",
  "pglite-thread.worker.mjs",
);

/**
 * What the thread allocates lives for one statement, yet V8 lets its young generation grow
 * under load as if it held long-lived objects: a small one keeps the thread's heap small
 * (the benchmark's README has the figures).
 */
const THREAD_HEAP = { maxYoungGenerationSizeMb: 4 };

/**
 * PGlite on a thread of its own. PGlite runs PostgreSQL (WebAssembly) and its protocol code on
 * the thread that calls it; on the server's main thread that took a large share of the main
 * thread's time under load, while the machine's other core waited. Here each statement is posted to the
 * database's thread, and only its rows come back. Errors come back as PGlite's own
 * `DatabaseError`, which Prisma's adapter maps to Prisma's errors.
 *
 * The thread keeps the process alive only while a request is waiting for its reply.
 */
export function openPGliteThread(options: ThreadOptions): EmbeddedDatabase {
  const worker = new Worker(WORKER_FILE, { workerData: options, resourceLimits: THREAD_HEAP });
  worker.unref();
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let lastRequest = 0;
  let failure: Error | undefined;
  let closed = false;

  const settleAll = (error: Error) => {
    failure ??= error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
    worker.unref();
  };
  worker.on("message", (reply: Reply) => {
    const request = waiting.get(reply.id);
    if (!request) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) worker.unref();
    if ("error" in reply) request.reject(toError(reply.error));
    else request.resolve(reply.result);
  });
  worker.on("error", settleAll);
  worker.on("exit", (code) =>
    settleAll(new Error(`The embedded database's thread exited (${code})`)),
  );

  const send = <T>(body: RequestBody): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = ++lastRequest;
    if (waiting.size === 0) worker.ref();
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, ...body });
    });
  };

  const query = async <T>(
    sql: string,
    params: unknown[] = [],
    options: QueryOptions = {},
    tx?: number,
  ): Promise<Results<T>> => {
    const parsers = options.parsers ?? {};
    const unparsed = Object.keys(parsers).map(Number);
    const results = await send<Results<T>>({
      kind: "query",
      sql,
      params,
      rowMode: options.rowMode,
      unparsed,
      tx,
    });
    return unparsed.length > 0 ? parseRows(results, parsers, options.rowMode) : results;
  };
  const exec = (sql: string, tx?: number) => send<Results[]>({ kind: "exec", sql, tx });

  return {
    query: (sql, params, options) => query(sql, params, options),
    exec: (sql) => exec(sql),
    async transaction(callback) {
      const tx = await send<number>({ kind: "begin" });
      let ended = false;
      const handle: EmbeddedTransaction = {
        query: (sql, params, options) => query(sql, params, options, tx),
        exec: (sql) => exec(sql, tx),
        async rollback() {
          await send({ kind: "rollback", tx });
          ended = true;
        },
        get closed() {
          return ended;
        },
      };
      let result: Awaited<ReturnType<typeof callback>>;
      try {
        result = await callback(handle);
      } catch (error) {
        await send({ kind: "end", tx, commit: false });
        throw error;
      }
      await send({ kind: "end", tx, commit: true });
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await send({ kind: "close" });
      } finally {
        failure ??= new Error("The embedded database is closed");
        await worker.terminate();
      }
    },
    get closed() {
      return closed;
    },
  };
}

/** Applies the caller's parsers to the columns of their types, which came back as text. */
function parseRows<T>(results: Results<T>, parsers: ParserOptions, rowMode?: RowMode): Results<T> {
  const columns = results.fields.flatMap(({ name, dataTypeID }, index) => {
    const parse = parsers[dataTypeID];
    return parse ? [{ key: rowMode === "array" ? index : name, parse, dataTypeID }] : [];
  });
  if (columns.length === 0) return results;
  for (const row of results.rows as Record<string | number, unknown>[]) {
    for (const { key, parse, dataTypeID } of columns) {
      const text = row[key];
      if (typeof text === "string")
        row[key] = (parse as (text: string, type: number) => unknown)(text, dataTypeID);
    }
  }
  return results;
}

function toError({ database, message, fields }: ThreadError): Error {
  const error = database
    ? new messages.DatabaseError(message, Number(fields.length ?? 0), "error")
    : new Error(message);
  return Object.assign(error, fields);
}
