import type { AppConfig } from "@/lib/config/load-config";

/**
 * Without it `next start` loads its SWC compiler (a native module with two threads of its own)
 * into the server only to compile next.config.ts; with it Node.js strips the config's types
 * itself (Node.js 22.18 and later, which `engines` requires).
 */
const NATIVE_CONFIG_LOADER = "--experimental-next-config-strip-types";

/**
 * The arguments of `next start` (or `next dev`): the port and address the configuration names,
 * so PORT and APP_HOST count wherever they are set, `.env` included. Next.js itself reads PORT
 * before it loads `.env`. Arguments given on the command line come last and win.
 */
export function nextArguments(
  command: "start" | "dev",
  config: Pick<AppConfig, "appPort" | "appHost">,
  extra: string[],
): string[] {
  return [
    command,
    ...(command === "start" ? [NATIVE_CONFIG_LOADER] : []),
    "--port",
    String(config.appPort),
    ...(config.appHost ? ["--hostname", config.appHost] : []),
    ...extra,
  ];
}
