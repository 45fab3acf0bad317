import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { GeneratedSchemas } from "./generate-schemas.ts";
import type { Sdk } from "./operations.ts";

const FILES: Record<Sdk, string> = {
  ga: "stripe-ga.json",
  "v2-preview": "stripe-v2-preview.json",
  "private-preview": "stripe-private-preview.json",
};

/** The committed schemas of one SDK (regenerate with `npm run generate -w stripe-contract`). */
export function schemaFile(sdk: Sdk): string {
  return fileURLToPath(new URL(`../schemas/${FILES[sdk]}`, import.meta.url));
}

export function readSchemas(sdk: Sdk): GeneratedSchemas {
  return JSON.parse(readFileSync(schemaFile(sdk), "utf8")) as GeneratedSchemas;
}
