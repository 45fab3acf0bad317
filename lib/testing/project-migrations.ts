import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SqlConnection } from "@radar-abuse-reference/embedded-postgres/migrations";
import { afterEach, beforeEach } from "vitest";
import { openSqlConnection } from "@/lib/db/adapter-factory";
import { applyPendingMigrations, MIGRATIONS_PATH, SCHEMA_PATH } from "@/lib/db/migrations";
import type { TestDatabaseKind } from "@/lib/testing/test-databases";

/**
 * Copies the schema and the project's migrations into `root`: all of them, or those that came
 * before the migration named `before`.
 */
async function copyProjectMigrations(root: string, before?: string): Promise<void> {
  await cp(SCHEMA_PATH, join(root, SCHEMA_PATH));
  for (const entry of await readdir(MIGRATIONS_PATH)) {
    if (before && entry >= before && entry !== "migration_lock.toml") continue;
    await cp(join(MIGRATIONS_PATH, entry), join(root, MIGRATIONS_PATH, entry), { recursive: true });
  }
}

/**
 * For each test, a database of this kind migrated up to (not including) the migration named
 * `migration`, so the test can write rows as the app did then, and `migrateTheRest` to apply it
 * and every later one. Made before each test, removed after it.
 */
export function setUpDatabaseBefore({ create }: TestDatabaseKind, migration: string) {
  let state: { sql: SqlConnection; migrateTheRest(): Promise<void> } | undefined;
  let dispose: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    const database = await create();
    const root = await mkdtemp(join(tmpdir(), "radar-project-"));
    await copyProjectMigrations(root, migration);
    await applyPendingMigrations(database.config, root);
    const sql = await openSqlConnection(database.config);
    state = {
      sql,
      async migrateTheRest() {
        await copyProjectMigrations(root);
        await applyPendingMigrations(database.config, root);
      },
    };
    dispose = async () => {
      await sql.end();
      await database.dispose();
      await rm(root, { recursive: true, force: true });
    };
  });
  afterEach(async () => {
    await dispose?.();
    state = undefined;
  });
  const ready = () => {
    if (!state) throw new Error("The database is made in beforeEach");
    return state;
  };
  return {
    get sql(): SqlConnection {
      return ready().sql;
    },
    migrateTheRest: () => ready().migrateTheRest(),
  };
}
