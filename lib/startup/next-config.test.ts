import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("next.config.ts", () => {
  it("loads with Node.js's own type stripping, as `npm start` has it loaded", async () => {
    const { stdout, stderr } = await run(process.execPath, [
      "--input-type=module",
      "--eval",
      `const { default: config } = await import("./next.config.ts");
         const headers = await config.headers();
         console.log(JSON.stringify({ limit: config.experimental.serverActions.bodySizeLimit, routes: headers.length }));`,
    ]);
    expect(stderr).not.toMatch(/error/i);
    expect(JSON.parse(stdout)).toEqual({ limit: 1024 * 1024, routes: 2 });
  });
});
