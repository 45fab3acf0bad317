/**
 * A process that uses an embedded database the way the server does, for the tests in
 * embedded-database.test.ts: `tsx embedded-database-process.ts <mode> <directory>`.
 *
 * - open: opens the directory, prints {"opened":true,"rows":n} (or {"error":"..."}) and closes it.
 * - write: opens it, prints {"rows":n} (what an earlier process left), then inserts rows in
 *   transactions of ten forever, printing "committed <total>" after each commit. Installs the
 *   server's shutdown handling, so SIGTERM closes the database before the process exits.
 */

import { closeDatabaseOnExit } from "../close-on-exit.ts";
import {
  closeEmbeddedDatabase,
  embeddedDatabase,
  hasOpenEmbeddedDatabases,
} from "../embedded-database.ts";

const [mode, directory] = process.argv.slice(2);
if (!directory || (mode !== "open" && mode !== "write")) {
  console.error("usage: embedded-database-process.ts open|write <directory>");
  process.exit(2);
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

if (mode === "write") closeDatabaseOnExit();
let rows: number;
try {
  const db = embeddedDatabase(directory);
  await db.exec("CREATE TABLE IF NOT EXISTS item (id serial PRIMARY KEY, body text NOT NULL)");
  rows = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM item")).rows[0]?.n ?? 0;
} catch (error) {
  print({ error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

if (mode === "open") {
  print({ opened: true, rows });
  await closeEmbeddedDatabase(directory);
} else {
  print({ rows });
  const db = embeddedDatabase(directory);
  // Until a signal starts closing the database (which takes it off the open list).
  for (let batch = 0; hasOpenEmbeddedDatabases(); batch++) {
    await db.transaction(async (tx) => {
      for (let i = 0; i < 10; i++) {
        await tx.query("INSERT INTO item (body) VALUES ($1)", [`${batch}:${i}:${"x".repeat(300)}`]);
      }
    });
    rows += 10;
    process.stdout.write(`committed ${rows}\n`);
    if (batch % 50 === 49) await db.exec("CHECKPOINT");
  }
  setInterval(() => {}, 1_000); // the exit comes once the database is closed
}
