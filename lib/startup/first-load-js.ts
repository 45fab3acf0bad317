import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

/** Gzipped bytes of JavaScript a route makes the browser load before the page works. */
export type RouteSize = { route: string; bytes: number };

/** Budgets in gzipped bytes for the pages a visitor meets first; every route is printed. */
export const FIRST_LOAD_BUDGETS: Record<string, number> = {
  "/register": 150_000,
  "/login": 150_000,
  "/checkout": 160_000,
};

type ClientReferenceManifest = { entryJSFiles?: Record<string, string[]> };

function* manifests(directory: string): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* manifests(path);
    else if (entry.name === "page_client-reference-manifest.js") yield path;
  }
}

/** `/(auth)/register/page` is served at `/register`. */
function routeOf(page: string): string {
  const path = page
    .replace(/\/page$/, "")
    .split("/")
    .filter((segment) => segment && !/^\(.*\)$/.test(segment))
    .join("/");
  return `/${path}`;
}

/**
 * First-load JavaScript per App Router page, read from a production build: the framework's
 * root chunks plus the chunks of the page's layouts and of the page itself, each counted once,
 * gzipped (what Next.js used to print as "First Load JS").
 */
export function firstLoadJs(distDir: string): RouteSize[] {
  const gzipped = new Map<string, number>();
  const size = (file: string) => {
    let bytes = gzipped.get(file);
    if (bytes === undefined) {
      bytes = gzipSync(readFileSync(join(distDir, file))).length;
      gzipped.set(file, bytes);
    }
    return bytes;
  };
  const build = JSON.parse(readFileSync(join(distDir, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const appDir = join(distDir, "server", "app");
  if (!existsSync(appDir)) return [];
  const sizes: RouteSize[] = [];
  for (const file of manifests(appDir)) {
    const page = `/${relative(appDir, file).replace(/_client-reference-manifest\.js$/, "")}`;
    if (page.startsWith("/_")) continue;
    // The manifest is a script that assigns itself to `globalThis.__RSC_MANIFEST[page]`.
    const context: { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
    runInNewContext(readFileSync(file, "utf8"), context);
    const manifest = context.__RSC_MANIFEST?.[page];
    const files = new Set(build.rootMainFiles);
    for (const chunks of Object.values(manifest?.entryJSFiles ?? {})) {
      for (const chunk of chunks) files.add(chunk);
    }
    const bytes = [...files].reduce((total, chunk) => total + size(chunk), 0);
    sizes.push({ route: routeOf(page), bytes });
  }
  return sizes.sort((a, b) => a.route.localeCompare(b.route));
}
