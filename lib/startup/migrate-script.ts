import { join } from "node:path";

/** Where `npm run build` leaves the migration command compiled to plain JavaScript. */
export function migrateScript(root: string): string {
  return join(root, process.env.NEXT_DIST_DIR || ".next", "migrate.mjs");
}
