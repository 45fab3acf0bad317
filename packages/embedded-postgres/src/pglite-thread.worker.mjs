// @ts-check
/**
 * The embedded database's own thread: one PGlite instance, driven by the requests the main
 * thread posts (pglite-thread.ts has the protocol). PGlite's own locks keep the order: a
 * transaction holds the instance from its BEGIN until the main thread ends it.
 *
 * Plain JavaScript, so that Node.js runs it as it is in the production server, the tests and
 * `next dev` alike.
 */
import { parentPort, workerData } from "node:worker_threads";
import { messages, PGlite, parse, protocol } from "@electric-sql/pglite";

/** @typedef {import("./pglite-thread.ts").Request} Request */
/** @typedef {import("./pglite-thread.ts").Reply} Reply */
/** @typedef {import("./pglite-thread.ts").ThreadOptions} ThreadOptions */
/** @typedef {import("@electric-sql/pglite").Transaction} Transaction */
/** @typedef {{ tx?: Transaction, end?: (commit: boolean) => void, endRequest?: number }} Open */

const port = parentPort;
if (!port) throw new Error("pglite-thread.worker.mjs runs as a worker thread");
const { directory, startParams } = /** @type {ThreadOptions} */ (workerData);
const db = new PGlite(directory, { startParams });

/** @type {Map<number, Open>} */
const transactions = new Map();
let lastTransaction = 0;
/** The types whose text the main thread parses itself, once installed as returned unparsed. */
let unparsedKey = "";
const unparsed = (/** @type {string} */ text) => text;

/** @param {Reply} reply */
const send = (reply) => port.postMessage(reply);

/**
 * Statements parsed once and kept by PostgreSQL under a name, by their text. PGlite's `query`
 * sends a statement as six protocol messages, each a call into the database, and has it parsed
 * every time; a kept statement runs as one call (bind, describe, execute, sync).
 * @type {Map<string, { name: string, paramTypes: number[] }>}
 */
const prepared = new Map();
/** Prisma's statements are a few dozen; text that varies (lists of values) is let go in bulk. */
const MAX_PREPARED = 500;
let lastPrepared = 0;
/** A script ran (a migration, say): what a kept statement returns may have changed. */
let preparedStale = false;

/** @param {Uint8Array[]} parts */
function frames(...parts) {
  const bytes = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

/** @param {Uint8Array} message */
const call = (message) => db.execProtocol(message, { syncToFs: false });

/** @param {string} sql */
async function preparedStatement(sql) {
  if (preparedStale || prepared.size >= MAX_PREPARED) {
    await call(protocol.serialize.query("DEALLOCATE ALL"));
    prepared.clear();
    preparedStale = false;
  }
  const known = prepared.get(sql);
  if (known) return known;
  const name = `statement_${++lastPrepared}`;
  const { messages: described } = await call(
    frames(
      protocol.serialize.parse({ name, text: sql }),
      protocol.serialize.describe({ type: "S", name }),
      protocol.serialize.sync(),
    ),
  );
  const parameters = described.find((message) => message.name === "parameterDescription");
  const statement = {
    name,
    paramTypes:
      parameters instanceof messages.ParameterDescriptionMessage ? parameters.dataTypeIDs : [],
  };
  prepared.set(sql, statement);
  return statement;
}

/**
 * What PGlite's `query` does, on a kept statement: the parameters serialised for their types
 * (as PostgreSQL inferred them) and the result parsed with the instance's parsers.
 * @param {string} sql
 * @param {unknown[]} params
 * @param {import("@electric-sql/pglite").QueryOptions} options
 * @param {boolean} inTransaction
 */
async function runPrepared(sql, params, options, inTransaction) {
  const { name, paramTypes } = await preparedStatement(sql);
  const values = params.map((value, index) => {
    if (value === null || value === undefined) return null;
    const serializer = db.serializers[paramTypes[index] ?? 0];
    return serializer ? serializer(value) : String(value);
  });
  const { messages: answer } = await call(
    frames(
      protocol.serialize.bind({ statement: name, values }),
      protocol.serialize.describe({ type: "P" }),
      protocol.serialize.execute({}),
      protocol.serialize.sync(),
    ),
  );
  if (!inTransaction) await db.syncToFs();
  const [result] = parse.parseResults(answer, db.parsers, options);
  if (!result) throw new Error("The statement returned no result");
  return result;
}

/**
 * One statement, holding the instance as `query` would: alone, or within its transaction.
 * @param {number | undefined} tx
 * @param {() => Promise<import("@electric-sql/pglite").Results>} work
 */
function exclusively(tx, work) {
  if (tx !== undefined) {
    transactionOf(tx);
    return db.runExclusive(work);
  }
  return db._runExclusiveTransaction(() => db.runExclusive(work));
}

/** @param {unknown} error */
function threadError(error) {
  if (!(error instanceof Error)) return { database: false, message: String(error), fields: {} };
  /** @type {Record<string, string | number>} */
  const fields = {};
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === "string" || typeof value === "number") fields[key] = value;
  }
  return { database: error instanceof messages.DatabaseError, message: error.message, fields };
}

/** @param {number[]} types */
async function unparsedOptions(types) {
  if (types.length === 0) return {};
  const key = types.join(",");
  if (!unparsedKey) {
    // Installed once the instance has added its array types' parsers, which these may replace.
    await db.waitReady;
    if (!unparsedKey) {
      unparsedKey = key;
      for (const type of types) db.parsers[type] = unparsed;
    }
  }
  return key === unparsedKey
    ? {}
    : { parsers: Object.fromEntries(types.map((t) => [t, unparsed])) };
}

/** @param {number} id */
function transactionOf(id) {
  const tx = transactions.get(id)?.tx;
  if (!tx) throw new Error(`No open transaction ${id}`);
  return tx;
}

/** @param {number | undefined} id */
const target = (id) => (id === undefined ? db : transactionOf(id));

/** @param {Request & { kind: "begin" }} request */
function begin(request) {
  const id = ++lastTransaction;
  /** @type {Open} */
  const open = {};
  transactions.set(id, open);
  const aborted = new Error("rolled back");
  db.transaction(
    (tx) =>
      new Promise((resolve, reject) => {
        open.tx = tx;
        open.end = (commit) => (commit ? resolve(undefined) : reject(aborted));
        send({ id: request.id, result: id });
      }),
  ).then(
    () => finish(id, request.id, undefined),
    (error) => finish(id, request.id, error === aborted ? undefined : error),
  );
}

/**
 * @param {number} id
 * @param {number} beginRequest
 * @param {unknown} error
 */
function finish(id, beginRequest, error) {
  const open = transactions.get(id);
  transactions.delete(id);
  const request = open?.endRequest ?? beginRequest; // BEGIN itself failed: nothing was begun
  send(
    error === undefined
      ? { id: request, result: null }
      : { id: request, error: threadError(error) },
  );
}

/**
 * A result as it crosses to the main thread: what the adapter reads of it.
 * @param {import("@electric-sql/pglite").Results} results
 */
const plain = ({ rows, fields, affectedRows, command, rowCount }) => ({
  rows,
  fields,
  affectedRows,
  command,
  rowCount,
});

/** @param {Request} request */
async function run(request) {
  switch (request.kind) {
    case "query": {
      const options = { rowMode: request.rowMode, ...(await unparsedOptions(request.unparsed)) };
      const { sql, params, tx } = request;
      await db._checkReady();
      return plain(
        await exclusively(tx, () => runPrepared(sql, params, options, tx !== undefined)),
      );
    }
    case "exec":
      try {
        return (await target(request.tx).exec(request.sql)).map(plain);
      } finally {
        preparedStale = true;
      }
    case "rollback":
      return await transactionOf(request.tx).rollback();
    case "close":
      await db.close();
      return null;
    default:
      throw new Error(`Unknown request ${request.kind}`);
  }
}

port.on("message", (/** @type {Request} */ request) => {
  if (request.kind === "begin") return begin(request);
  if (request.kind === "end") {
    const open = transactions.get(request.tx);
    if (!open?.end)
      return send({ id: request.id, error: threadError(new Error("Not in a transaction")) });
    open.endRequest = request.id;
    return open.end(request.commit);
  }
  run(request).then(
    (result) => send({ id: request.id, result }),
    (error) => send({ id: request.id, error: threadError(error) }),
  );
});
