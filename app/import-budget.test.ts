import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * The project's own files a page pulls in, client and server: a Client Component's Server
 * Action is bundled for the page, so the action's whole graph counts. Imports used only as
 * types are dropped, as the bundler drops them; the generated Prisma client is not read by
 * anyone following a flow.
 */
async function projectFilesImportedBy(page: string): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: [page],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "silent",
    loader: { ".css": "empty" },
  });
  return Object.keys(metafile.inputs)
    .filter((file) => /^(app|components|lib)\//.test(file) && !file.startsWith("lib/generated/"))
    .sort();
}

/** The most of the project's files the registration page may pull in; lower it as it shrinks. */
const REGISTER_PAGE_BUDGET = 41;

describe("what a newcomer reads to follow a page", () => {
  it("keeps the registration page's graph within its budget of the project's files", async () => {
    const files = await projectFilesImportedBy("app/(auth)/register/page.tsx");
    expect(files.length, files.join("\n")).toBeLessThanOrEqual(REGISTER_PAGE_BUDGET);
  });
});
