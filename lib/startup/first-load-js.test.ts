import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { firstLoadJs } from "@/lib/startup/first-load-js";

let distDir: string;
afterEach(() => rmSync(distDir, { recursive: true, force: true }));

function chunk(name: string, text: string): number {
  mkdirSync(join(distDir, "static", "chunks"), { recursive: true });
  writeFileSync(join(distDir, "static", "chunks", name), text);
  return gzipSync(text).length;
}

function page(path: string, entryJSFiles: Record<string, string[]>): void {
  const directory = join(distDir, "server", "app", path);
  mkdirSync(directory, { recursive: true });
  const manifest = JSON.stringify({ entryJSFiles });
  writeFileSync(
    join(directory, "page_client-reference-manifest.js"),
    `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST["/${path}/page"] = ${manifest};`,
  );
}

describe("firstLoadJs", () => {
  it("adds the root chunks to each page's own, counting a shared chunk once", () => {
    distDir = mkdtempSync(join(tmpdir(), "first-load-"));
    const framework = chunk("framework.js", "framework ".repeat(500));
    const layout = chunk("layout.js", "layout();".repeat(50));
    const form = chunk("form.js", "form();".repeat(80));
    writeFileSync(
      join(distDir, "build-manifest.json"),
      JSON.stringify({ rootMainFiles: ["static/chunks/framework.js"] }),
    );
    page("(auth)/register", {
      "[project]/app/layout": ["static/chunks/layout.js"],
      "[project]/app/(auth)/register/page": ["static/chunks/layout.js", "static/chunks/form.js"],
    });
    page("orders/[id]", { "[project]/app/layout": ["static/chunks/layout.js"] });
    page("_not-found", { "[project]/app/layout": ["static/chunks/layout.js"] });

    expect(firstLoadJs(distDir)).toEqual([
      { route: "/orders/[id]", bytes: framework + layout },
      { route: "/register", bytes: framework + layout + form },
    ]);
  });
});
