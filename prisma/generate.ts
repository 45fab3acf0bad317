/**
 * `prisma generate` needs no schema engine, yet the CLI downloads one first unless
 * PRISMA_SCHEMA_ENGINE_BINARY names an executable. Naming Node's own skips that download, so
 * generation works offline; migrations never go through the CLI (see lib/db/migrations.ts).
 */
import { spawnSync } from "node:child_process";

const result = spawnSync("prisma", ["generate"], {
  stdio: "inherit",
  shell: process.platform === "win32",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});
process.exit(result.status ?? 1);
