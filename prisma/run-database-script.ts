import { closeEmbeddedDatabase } from "@radar-abuse-reference/embedded-postgres";
import type { DatabaseConfig } from "@/lib/config/load-config";

/**
 * A command-line script's work on the configured database: a failure is printed as its message
 * with exit code 1, the embedded database is closed either way, and the process ends (the schema
 * engine keeps idle timers alive for several seconds after its work is done).
 */
export async function runDatabaseScript(
  database: DatabaseConfig,
  work: () => Promise<void>,
): Promise<never> {
  try {
    await work();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    if (database.kind === "embedded") await closeEmbeddedDatabase(database.directory);
  }
  process.exit();
}
