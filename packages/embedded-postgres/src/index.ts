export { closeDatabaseOnExit } from "./close-on-exit.ts";
export {
  closeAllEmbeddedDatabases,
  closeEmbeddedDatabase,
  embeddedDatabase,
  hasOpenEmbeddedDatabases,
} from "./embedded-database.ts";
export type { EmbeddedDatabase } from "./pglite-thread.ts";
