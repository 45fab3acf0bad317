/**
 * `npm run operator -- grant <email>` | `revoke <email>` | `list`: who may open the dashboard
 * and the request inspector with Stripe keys. The account must exist (registered through the
 * app). With the embedded database, stop the server first: one process at a time may open it.
 */
import { listOperators, setOperator } from "@/lib/auth/operators";
import { loadEnvFiles } from "@/lib/config/env-files";
import { loadConfig } from "@/lib/config/load-config";
import { createAdapterFactory } from "@/lib/db/adapter-factory";
import { applyPendingMigrations } from "@/lib/db/migrations";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { runDatabaseScript } from "./run-database-script";

const USAGE = "Usage: npm run operator -- grant <email> | revoke <email> | list";
const [command, email] = process.argv.slice(2);
loadEnvFiles();
const { database } = loadConfig();
await runDatabaseScript(database, async () => {
  if (!(command === "list" || ((command === "grant" || command === "revoke") && email))) {
    throw new Error(USAGE);
  }
  await applyPendingMigrations(database);
  const prisma = new PrismaClient({ adapter: createAdapterFactory(database) });
  if (command === "list") {
    const operators = await listOperators(prisma);
    console.log(operators.length ? operators.join("\n") : "No operators.");
  } else if (email && (await setOperator(prisma, email, command === "grant"))) {
    console.log(`${email} ${command === "grant" ? "is now" : "is no longer"} an operator.`);
  } else {
    throw new Error(`No account with the email ${email}: register it in the app first.`);
  }
  await prisma.$disconnect();
});
