import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";

const instances = globalThis as unknown as { __pgliteInstances?: Map<string, PGlite> };

/**
 * PGlite allows one open handle per data folder, so every part of a server process (migrations,
 * the Prisma client, each Next.js module graph) must share it: the instance lives on globalThis.
 */
export function embeddedDatabase(directory: string): PGlite {
  instances.__pgliteInstances ??= new Map();
  let instance = instances.__pgliteInstances.get(directory);
  if (!instance) {
    mkdirSync(directory, { recursive: true });
    instance = new PGlite(directory);
    instances.__pgliteInstances.set(directory, instance);
  }
  return instance;
}

export async function closeEmbeddedDatabase(directory: string): Promise<void> {
  const instance = instances.__pgliteInstances?.get(directory);
  if (!instance) return;
  instances.__pgliteInstances?.delete(directory);
  await instance.close();
}
