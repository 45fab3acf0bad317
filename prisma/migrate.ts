/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database. */
import { loadEnvFiles } from "@/lib/config/env-files";
import { loadConfig } from "@/lib/config/load-config";
import { applyPendingMigrations } from "@/lib/db/migrations";
import { runDatabaseScript } from "./run-database-script";

loadEnvFiles();
const { database } = loadConfig();
const target = database.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : database.directory;
await runDatabaseScript(database, async () => {
  const applied = await applyPendingMigrations(database);
  console.log(
    applied.length === 0
      ? `No pending migrations on ${target}.`
      : `Applied ${applied.length} migration(s) to ${target}:\n${applied.map((name) => `  ${name}`).join("\n")}`,
  );
});
