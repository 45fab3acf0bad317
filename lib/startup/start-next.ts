/**
 * `npm start` after the build: runs `next start` on the address the configuration names
 * (APP_HOST; 127.0.0.1 with the emulator), so a demo on a laptop is not served to its network.
 * Arguments are passed on to `next start`.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { ConfigError, loadConfig } from "@/lib/config/load-config";

/**
 * Without it `next start` loads its SWC compiler (a native module with two threads of its own)
 * into the server only to compile next.config.ts; with it Node.js strips the config's types
 * itself (Node.js 22.18 and later, which `engines` requires).
 */
const NATIVE_CONFIG_LOADER = "--experimental-next-config-strip-types";

function main(): void {
  let appHost: string | undefined;
  try {
    ({ appHost } = loadConfig());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`\nThe server cannot start.\n${error.message}\n`);
    process.exit(1);
  }
  const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const hostname = appHost ? ["--hostname", appHost] : [];
  const child = spawn(
    process.execPath,
    [next, "start", NATIVE_CONFIG_LOADER, ...hostname, ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
