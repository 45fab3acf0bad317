import { cp, readdir } from "node:fs/promises";
import { join } from "node:path";
import { MIGRATIONS_PATH, SCHEMA_PATH } from "@/lib/db/migrations";

/**
 * Copies the schema and the project's migrations into `root`: all of them, or those that came
 * before the migration named `before`, so a test can write rows as an older app did and then
 * migrate them.
 */
export async function copyProjectMigrations(root: string, before?: string): Promise<void> {
  await cp(SCHEMA_PATH, join(root, SCHEMA_PATH));
  for (const entry of await readdir(MIGRATIONS_PATH)) {
    if (before && entry >= before && entry !== "migration_lock.toml") continue;
    await cp(join(MIGRATIONS_PATH, entry), join(root, MIGRATIONS_PATH, entry), { recursive: true });
  }
}
