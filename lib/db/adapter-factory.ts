import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { embeddedDatabase } from "@radar-abuse-reference/embedded-postgres";
import type { SqlConnection } from "@radar-abuse-reference/embedded-postgres/migrations";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseConfig } from "@/lib/config/load-config";

export function createAdapterFactory(
  database: DatabaseConfig,
): SqlMigrationAwareDriverAdapterFactory {
  return database.kind === "postgres"
    ? new PrismaPg({ connectionString: database.url, connectionTimeoutMillis: 5_000 })
    : // The adapter calls only what the embedded database has: query, exec and transaction.
      new PrismaPGlite(embeddedDatabase(database.directory) as unknown as PGlite);
}

/** One plain connection, outside Prisma, for the migration runner's own bookkeeping. */
export async function openSqlConnection(database: DatabaseConfig): Promise<SqlConnection> {
  if (database.kind === "embedded") {
    const db = embeddedDatabase(database.directory);
    return {
      query: async <Row>(sql: string) => (await db.query<Row>(sql)).rows,
      exec: (sql) => db.exec(sql),
      end: async () => {},
    };
  }
  const client = new pg.Client({ connectionString: database.url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  return {
    query: async <Row>(sql: string) => (await client.query(sql)).rows as Row[],
    exec: (sql) => client.query(sql),
    end: () => client.end(),
  };
}
