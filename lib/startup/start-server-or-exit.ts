import { closeDatabaseOnExit } from "@radar-abuse-reference/embedded-postgres";

/**
 * Next.js logs a failed instrumentation hook and serves anyway; a server without a valid
 * configuration, database or Stripe backend must not, so any failure here ends the process.
 */
export async function startServerOrExit(): Promise<void> {
  // First: however this process ends from now on, the embedded database is closed before it does.
  closeDatabaseOnExit();
  try {
    // Imported here so that configuration errors raised while modules load are caught too.
    const { prepareServer } = await import("@/lib/startup/prepare-server");
    await prepareServer();
  } catch (error) {
    console.error(
      `\nThe server cannot start.\n${error instanceof Error ? error.message : error}\n`,
    );
    process.exit(1);
  }
}
