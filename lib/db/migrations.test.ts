import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqlConnection } from "@/lib/db/adapter-factory";
import {
  applyPendingMigrations,
  createMigration,
  MIGRATIONS_PATH,
  MigrationError,
  readMigrations,
} from "@/lib/db/migrations";
import { type TestDatabase, testDatabaseKinds } from "@/lib/testing/test-databases";

/** A throw-away copy of the project's prisma/ folder, so tests can add migrations to it. */
async function copyOfProject(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "radar-project-"));
  await cp("prisma", join(root, "prisma"), { recursive: true });
  return root;
}

async function query<Row>(database: TestDatabase, sql: string): Promise<Row[]> {
  const connection = await openSqlConnection(database.config);
  try {
    return await connection.query<Row>(sql);
  } finally {
    await connection.end();
  }
}

describe("the committed migrations", () => {
  it("match the Prisma schema, so no migration is missing", async () => {
    const root = await copyOfProject();
    try {
      expect(await createMigration("check", root)).toBeNull();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe.each(testDatabaseKinds())("migrations on $label", ({ create }) => {
  let database: TestDatabase;
  let root: string;

  beforeEach(async () => {
    database = await create();
    root = await copyOfProject();
  });
  afterEach(async () => {
    await database.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it("applies every migration once and records it as Prisma's CLI does", async () => {
    const migrations = await readMigrations(root);
    expect(migrations.length).toBeGreaterThan(0);

    const applied = await applyPendingMigrations(database.config, root);
    expect(applied).toEqual(migrations.map((migration) => migration.name));
    expect(await applyPendingMigrations(database.config, root)).toEqual([]);

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
      rolled_back_at: Date | null;
    }>(database, "SELECT * FROM _prisma_migrations ORDER BY migration_name");
    expect(rows).toHaveLength(migrations.length);
    rows.forEach((row, index) => {
      const migration = migrations[index];
      expect(row.migration_name).toBe(migration?.name);
      expect(row.checksum).toBe(
        createHash("sha256")
          .update(migration?.sql ?? "")
          .digest("hex"),
      );
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    });
  });

  it("names a failing migration and leaves the database as it was", async () => {
    await applyPendingMigrations(database.config, root);
    const broken = join(root, MIGRATIONS_PATH, "29990101000000_broken");
    await mkdir(broken);
    await writeFile(
      join(broken, "migration.sql"),
      'CREATE TABLE "Half" ("id" TEXT);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;\n',
    );

    const failure = applyPendingMigrations(database.config, root);
    await expect(failure).rejects.toThrow(MigrationError);
    await expect(failure).rejects.toThrow(/29990101000000_broken.*NoSuchTable/s);

    const [half] = await query<{ exists: boolean }>(
      database,
      "SELECT to_regclass('public.\"Half\"') IS NOT NULL AS exists",
    );
    expect(half?.exists).toBe(false);
    const recorded = await query<{ migration_name: string }>(
      database,
      "SELECT migration_name FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'",
    );
    expect(recorded).toEqual([]);
  });
});

describe("createMigration", () => {
  let root: string;
  beforeEach(async () => {
    root = await copyOfProject();
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it("writes the SQL for a schema change into a timestamped folder", async () => {
    const schemaPath = join(root, "prisma/schema.prisma");
    const schema = await readFile(schemaPath, "utf8");
    await writeFile(
      schemaPath,
      `${schema}\nmodel Coupon {\n  code    String @id\n  percent Int\n}\n`,
    );

    const created = await createMigration("add_coupons", root, new Date("2030-01-02T03:04:05Z"));
    expect(created?.name).toBe("20300102030405_add_coupons");
    const sql = await readFile(join(root, created?.path ?? ""), "utf8");
    expect(sql).toContain('CREATE TABLE "Coupon"');
    expect(sql).not.toMatch(/CREATE TABLE "Product"/);
  });

  it("rejects a name that would make an awkward folder", async () => {
    await expect(createMigration("Add Coupons!", root)).rejects.toThrow(/lower-case/);
  });
});
