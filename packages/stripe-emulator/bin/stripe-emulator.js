#!/usr/bin/env node
// Starts the server. The published package runs its compiled build (dist/); a checkout of the
// sources (src/, which the package does not ship) runs them directly under tsx, so changes need
// no build step.
import { existsSync } from "node:fs";

const source = new URL("../src/server.ts", import.meta.url);
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(source.href);
} else {
  await import("../dist/server.js");
}
