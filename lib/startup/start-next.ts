/**
 * `npm start` after the build, and `npm run dev` (with `dev` as the first argument): runs Next.js
 * on the port and address the configuration names (PORT; APP_HOST, 127.0.0.1 with the emulator),
 * read from the environment and `.env` as the server reads them. Other arguments are passed on.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { loadEnvFiles } from "@/lib/config/env-files";
import { type AppConfig, ConfigError, loadConfig } from "@/lib/config/load-config";
import { nextArguments } from "@/lib/startup/next-command";

function main(): void {
  const [first, ...rest] = process.argv.slice(2);
  const command = first === "dev" ? "dev" : "start";
  const extra = command === "dev" ? rest : process.argv.slice(2);
  loadEnvFiles(process.cwd(), command === "dev" ? "development" : "production");
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`\nThe server cannot start.\n${error.message}\n`);
    process.exit(1);
  }
  const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [next, ...nextArguments(command, config, extra)], {
    stdio: "inherit",
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
