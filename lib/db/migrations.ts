import * as migrator from "@radar-abuse-reference/embedded-postgres/migrations";
import type { DatabaseConfig } from "@/lib/config/load-config";
import { createAdapterFactory, openSqlConnection } from "@/lib/db/adapter-factory";

export {
  createMigration,
  MIGRATIONS_PATH,
  MigrationError,
  readMigrations,
  SCHEMA_PATH,
} from "@radar-abuse-reference/embedded-postgres/migrations";

function migrationTarget(database: DatabaseConfig): migrator.MigrationTarget {
  return {
    adapterFactory: () => createAdapterFactory(database),
    connect: () => openSqlConnection(database),
  };
}

/** The migrations in prisma/migrations that the database has not applied yet. */
export function pendingMigrations(database: DatabaseConfig, root?: string) {
  return migrator.pendingMigrations(migrationTarget(database), root);
}

/** Applies the pending migrations, or none when one of them would fail. */
export function applyPendingMigrations(database: DatabaseConfig, root?: string) {
  return migrator.applyPendingMigrations(migrationTarget(database), root);
}
