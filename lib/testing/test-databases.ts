import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeEmbeddedDatabase } from "@radar-abuse-reference/embedded-postgres";
import pg from "pg";
import type { DatabaseConfig } from "@/lib/config/load-config";
import { createAdapterFactory } from "@/lib/db/adapter-factory";
import { applyPendingMigrations } from "@/lib/db/migrations";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type TestDatabase = { config: DatabaseConfig; dispose(): Promise<void> };
export type TestDatabaseKind = { label: string; create(): Promise<TestDatabase> };

export async function createEmbedded(): Promise<TestDatabase> {
  const directory = await mkdtemp(join(tmpdir(), "radar-pglite-"));
  return {
    config: { kind: "embedded", directory },
    async dispose() {
      await closeEmbeddedDatabase(directory);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** A fresh database on the server named by TEST_POSTGRES_URL, dropped afterwards. */
export async function createOnPostgres(serverUrl: string): Promise<TestDatabase> {
  const name = `radar_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: "postgres", url: url.toString() },
    async dispose() {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/**
 * The databases every integration test runs against: always the embedded default, and a real
 * PostgreSQL server as well when TEST_POSTGRES_URL names one (CI sets it).
 */
export function testDatabaseKinds(): TestDatabaseKind[] {
  const kinds: TestDatabaseKind[] = [{ label: "embedded PGlite", create: createEmbedded }];
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (serverUrl) kinds.push({ label: "PostgreSQL", create: () => createOnPostgres(serverUrl) });
  return kinds;
}

/** A Prisma client on the test database, its migrations applied first. */
export async function migratedPrisma(database: TestDatabase): Promise<PrismaClient> {
  await applyPendingMigrations(database.config);
  return new PrismaClient({ adapter: createAdapterFactory(database.config) });
}
