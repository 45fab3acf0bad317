import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { EMULATOR_PARAMETERS_FILE, emulatorParametersSource } from "../src/emulator-parameters.ts";
import { generateSchemas } from "../src/generate-schemas.ts";
import type { Sdk } from "../src/operations.ts";
import { schemaFile } from "../src/schema-files.ts";

for (const sdk of ["ga", "v2-preview", "private-preview"] satisfies Sdk[]) {
  const started = performance.now();
  const schemas = generateSchemas(sdk);
  writeFileSync(schemaFile(sdk), `${JSON.stringify(schemas, null, 1)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${schemaFile(sdk)}: ${Object.keys(schemas.definitions).length} definitions in ${seconds} s`,
  );
}

// Written as the repository's formatter writes it, so that `biome ci` passes.
const formatted = execFileSync(
  "npx",
  ["biome", "format", `--stdin-file-path=${EMULATOR_PARAMETERS_FILE}`],
  { input: emulatorParametersSource(), encoding: "utf8" },
);
writeFileSync(EMULATOR_PARAMETERS_FILE, formatted);
console.log(`${EMULATOR_PARAMETERS_FILE}: written`);
