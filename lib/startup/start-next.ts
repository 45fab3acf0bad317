/**
 * `npm start` after the build, and `npm run dev` (with `dev` as the first argument): runs Next.js
 * on the port and address the configuration names (PORT; APP_HOST, 127.0.0.1 with the emulator),
 * read from the environment and `.env` as the server reads them, and, with the emulator, its
 * secrets (lib/startup/server-environment.ts). `npm start` also sets the server's memory
 * defaults (lib/startup/server-memory.ts). Other arguments are passed on.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { loadEnvFiles } from "@/lib/config/env-files";
import { ConfigError } from "@/lib/config/load-config";
import { nextArguments } from "@/lib/startup/next-command";
import { serverEnvironment } from "@/lib/startup/server-environment";
import { serverMemory } from "@/lib/startup/server-memory";

function main(): void {
  const [first, ...rest] = process.argv.slice(2);
  const command = first === "dev" ? "dev" : "start";
  const extra = command === "dev" ? rest : process.argv.slice(2);
  loadEnvFiles(process.cwd(), command === "dev" ? "development" : "production");
  const server = serverEnvironmentOrExit();
  // Only the production server: `next dev` compiles in the same process and needs the room.
  const memory =
    command === "start"
      ? serverMemory(server.environment)
      : { nodeFlags: [], env: server.environment };
  const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const args = [...memory.nodeFlags, next, ...nextArguments(command, server.config, extra)];
  const child = spawn(process.execPath, args, { env: memory.env, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function serverEnvironmentOrExit() {
  try {
    return serverEnvironment(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`\nThe server cannot start.\n${error.message}\n`);
    process.exit(1);
  }
}

main();
