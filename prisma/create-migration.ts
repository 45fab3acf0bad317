/** `npm run db:migration -- <name>`: writes the SQL that takes the migrations to the schema. */
import { createMigration } from "@/lib/db/migrations";

const name = process.argv[2];
if (!name) {
  console.error("Usage: npm run db:migration -- <name>   (e.g. add_orders)");
  process.exit(1);
}
try {
  const created = await createMigration(name);
  console.log(
    created
      ? `Created ${created.path}. Review it, then run npm run db:migrate.`
      : "The schema matches the migrations: nothing to create.",
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
// The schema engine keeps idle timers alive for several seconds after its work is done.
process.exit();
