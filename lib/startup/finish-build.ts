/**
 * The last step of `npm run build`, after `next build`:
 * - bundles `prisma/migrate.ts` with the app's own modules into one plain JavaScript file in the
 *   dist directory, so the production server applies migrations at start-up with `node` alone
 *   (packages stay in node_modules, as the server's do);
 * - prints each page's first-load JavaScript and fails the build when a budgeted page exceeds
 *   its budget.
 */
import { join } from "node:path";
import { build } from "esbuild";
import { FIRST_LOAD_BUDGETS, firstLoadJs } from "@/lib/startup/first-load-js";
import { migrateScript } from "@/lib/startup/migrate-script";

const root = process.cwd();
const distDir = join(root, process.env.NEXT_DIST_DIR || ".next");

await build({
  entryPoints: ["prisma/migrate.ts"],
  outfile: migrateScript(root),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: join(root, "tsconfig.json"),
  logLevel: "warning",
});

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const sizes = firstLoadJs(distDir);
console.log("\nFirst-load JavaScript (gzipped)");
for (const { route, bytes } of sizes) {
  const budget = FIRST_LOAD_BUDGETS[route];
  console.log(
    `  ${route.padEnd(36)} ${kB(bytes).padStart(9)}${budget ? `  budget ${kB(budget)}` : ""}`,
  );
}
const over = sizes.filter(({ route, bytes }) => bytes > (FIRST_LOAD_BUDGETS[route] ?? Infinity));
if (over.length > 0) {
  console.error(`\nOver budget: ${over.map(({ route }) => route).join(", ")}`);
  process.exitCode = 1;
}
