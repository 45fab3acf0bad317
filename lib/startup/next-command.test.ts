import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadEnvFiles } from "@/lib/config/env-files";
import { loadConfig } from "@/lib/config/load-config";
import { nextArguments } from "@/lib/startup/next-command";

const VARIABLES = ["PORT", "STRIPE_EMULATOR_PORT", "DATA_DIR", "APP_HOST"] as const;
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));

afterEach(() => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe("the port npm start listens on", () => {
  it("comes from .env like every other variable, and the environment wins over the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "radar-env-"));
    writeFileSync(
      join(dir, ".env"),
      `PORT=3456\nSTRIPE_EMULATOR_PORT=12999\nDATA_DIR=${join(dir, "data")}\nAPP_HOST=127.0.0.2\n`,
    );
    for (const name of VARIABLES) delete process.env[name];
    process.env.STRIPE_EMULATOR_PORT = "12998";

    loadEnvFiles(dir, "production");
    const config = loadConfig();

    expect(config.appPort).toBe(3456);
    expect(config.emulator.port).toBe(12998);
    expect(config.dataDirectory).toBe(join(dir, "data"));
    expect(nextArguments("start", config, [])).toEqual([
      "start",
      "--experimental-next-config-strip-types",
      "--port",
      "3456",
      "--hostname",
      "127.0.0.2",
    ]);
  });

  it("passes the command line's own arguments last, so they win", () => {
    expect(nextArguments("dev", { appPort: 3000, appHost: undefined }, ["--port", "3999"])).toEqual(
      ["dev", "--port", "3000", "--port", "3999"],
    );
  });
});
