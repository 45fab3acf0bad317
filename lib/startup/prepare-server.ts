import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { seedCatalogue } from "@/lib/catalogue/seed-catalogue";
import { type AppConfig, loadConfig } from "@/lib/config/load-config";
import { openSqlConnection } from "@/lib/db/adapter-factory";
import { db } from "@/lib/db/client";
import { pendingMigrations } from "@/lib/db/migrations";
import { seedFirstRunHistory } from "@/lib/demo/first-run";
import { services } from "@/lib/services/server";
import { startBackgroundWork } from "@/lib/startup/background-work";
import { ensureEmulator, requireEmulatorSecrets } from "@/lib/startup/emulator-process";
import { migrateScript } from "@/lib/startup/migrate-script";

/**
 * Everything the server needs before its first request: a valid configuration (with the
 * emulator's secrets from `npm start` when there are no Stripe keys), a reachable and
 * migrated database with the demo catalogue, and (without Stripe keys) the local emulator, with
 * the demo history seeded in the background on a first start. Each failure throws an error
 * whose message says what to fix.
 */
export async function prepareServer(): Promise<void> {
  const config = loadConfig();
  if (config.stripe.mode === "emulator") requireEmulatorSecrets(config);
  await prepareDatabase(config);
  await seedCatalogue(db());
  if (config.stripe.mode === "emulator") await ensureEmulator(config);
  else console.log(`Stripe: using api.stripe.com with a ${keyMode(config)} key`);
  seedFirstRunHistory(config, services());
  startBackgroundWork(services());
}

async function prepareDatabase(config: AppConfig): Promise<void> {
  const { database } = config;
  if (database.kind === "embedded") {
    await runMigrationCommand();
    console.log(`Database: embedded PostgreSQL (PGlite) in ${database.directory}`);
    return;
  }
  const where = describePostgres(database.url);
  try {
    const connection = await openSqlConnection(database);
    await connection.query("SELECT 1");
    await connection.end();
  } catch (error) {
    throw new Error(
      `Cannot connect to PostgreSQL at ${where} (DATABASE_URL): ${error instanceof Error ? error.message : error}.\n` +
        "Check that the server is running and that DATABASE_URL is right, or unset DATABASE_URL to use the embedded database.",
    );
  }
  const pending = await pendingMigrations(database);
  if (pending.length > 0) {
    throw new Error(
      `PostgreSQL at ${where} has ${pending.length} pending migration(s): ${pending.map((m) => m.name).join(", ")}.\n` +
        "Run `npm run db:migrate` (or `npx prisma migrate deploy`) first.",
    );
  }
  console.log(`Database: PostgreSQL at ${where}`);
}

function describePostgres(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

function keyMode(config: AppConfig): string {
  return config.stripe.secretKey.includes("_live_") ? "live" : "test";
}

/**
 * Applies pending migrations with the same command users run (`npm run db:migrate`), in a child
 * process: Prisma's schema engine is WebAssembly that Next.js does not bundle. The production
 * server runs the build's plain-JavaScript copy of it; `next dev` runs the source with tsx. The
 * child holds the data folder's lock (lib/db/data-directory-lock.ts) until it exits; only then
 * does this process open the folder and take the lock in turn.
 */
function runMigrationCommand(): Promise<void> {
  const production = process.env.NODE_ENV === "production";
  const script = migrateScript(process.cwd());
  if (production && !existsSync(script)) {
    return Promise.reject(
      new Error(
        `The build has no migration command (${script}): build with \`npm run build\`, not \`next build\` alone.`,
      ),
    );
  }
  const command = production ? [script] : ["--import", "tsx", "prisma/migrate.ts"];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, { stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error("Database migration failed (see above).")),
    );
  });
}
