import nextEnv from "@next/env";

const quiet = { info: () => undefined, error: console.error };

/**
 * Loads `.env`, `.env.local` and `.env.<mode>` from `dir` into process.env with Next.js's own
 * loader, the one `next start` and `next dev` use, so a script that reads the configuration
 * before Next.js (the port `npm start` listens on) and the server read the same values. A
 * variable already set in the environment wins over the files.
 */
export function loadEnvFiles(
  dir = process.cwd(),
  mode: "development" | "production" = process.env.NODE_ENV === "production"
    ? "production"
    : "development",
): void {
  nextEnv.loadEnvConfig(dir, mode === "development", quiet);
}
