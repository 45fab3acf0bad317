/**
 * `npm start`'s first step: runs `npm run build` unless the build in the dist directory was made
 * from exactly the sources there are now, so restarting the app does not rebuild it.
 * A build into another dist directory (NEXT_DIST_DIR) makes Next.js write that directory's type
 * paths into tsconfig.json and next-env.d.ts: both are put back as they were, so such a build
 * leaves the working tree, and with it the fingerprint, unchanged.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildFingerprint } from "@/lib/startup/build-fingerprint";

const root = process.cwd();
const stamp = join(root, process.env.NEXT_DIST_DIR || ".next", "source-fingerprint");
const fingerprint = buildFingerprint(root);

if (existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint) {
  console.log("The build is current: serving it without building again.");
} else {
  const kept = ["tsconfig.json", "next-env.d.ts"].map((file) => ({
    path: join(root, file),
    text: existsSync(join(root, file)) ? readFileSync(join(root, file), "utf8") : undefined,
  }));
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  for (const { path, text } of kept) {
    if (text !== undefined && readFileSync(path, "utf8") !== text) writeFileSync(path, text);
  }
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(stamp, fingerprint);
}
