import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** What `npm run build` reads: the app's sources, its configuration and the locked dependencies. */
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "packages",
  "instrumentation.ts",
  "prisma/migrate.ts",
  "proxy.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

function* files(root: string, path: string): Generator<string> {
  const full = join(root, path);
  if (!existsSync(full)) return;
  if (!statSync(full).isDirectory()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(full).sort()) yield* files(root, join(path, entry));
}

/**
 * A hash of every build input's path and content: equal fingerprints mean the build in the
 * dist directory is current, so `npm start` can serve it without building again.
 */
export function buildFingerprint(root: string): string {
  const hash = createHash("sha256");
  for (const input of BUILD_INPUTS) {
    for (const path of files(root, input)) {
      hash.update(relative(root, join(root, path))).update("\0");
      hash.update(readFileSync(join(root, path))).update("\0");
    }
  }
  return hash.digest("hex");
}
