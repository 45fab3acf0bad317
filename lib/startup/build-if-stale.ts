/**
 * `npm start`'s first step: runs `npm run build` unless the build in the dist directory was made
 * from exactly the sources there are now, so restarting the app does not rebuild it.
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
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(stamp, fingerprint);
}
