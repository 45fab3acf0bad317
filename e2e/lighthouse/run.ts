/**
 * `npm run lighthouse`: Lighthouse's scores for each page of a production build, on a phone
 * (Lighthouse's default: a mid-range phone on a slow 4G network, simulated) and on a desktop.
 * Not part of `npm test`: the performance score depends on how busy the machine is.
 *
 * Builds the app into `.next-lighthouse` unless the build there is current, starts it with
 * `npm start` on its own ports (LIGHTHOUSE_APP_PORT, default 3310, and
 * LIGHTHOUSE_EMULATOR_PORT, 12310) and a temporary DATA_DIR, registers a person and pays once
 * (for the signed-in pages), then runs Lighthouse in Chromium (Playwright's, or Debian's as
 * playwright.config.ts chooses it) against each page. `--only /register` runs one page.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import lighthouse, { desktopConfig } from "lighthouse";
import { ensureBuild, startAppServer } from "../../packages/bench/src/load/app-server";
import { payWithCard, register, uniqueEmail } from "../support/app";
import { CHROMIUM_FLAGS, chromiumExecutable } from "../support/chromium";

const SIGNED_OUT = ["/", "/register", "/login", "/demo", "/dashboard"];
const SIGNED_IN = ["/checkout", "/account", "/orders/:order"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const DEBUGGING_PORT = 9333;

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const appPort = Number(process.env.LIGHTHOUSE_APP_PORT ?? 3310);
const emulatorPort = Number(process.env.LIGHTHOUSE_EMULATOR_PORT ?? 12310);

type Row = {
  page: string;
  formFactor: string;
  scores: number[];
  tbtMs: number;
  lcpMs: number;
  /** What keeps a category under 100: its audits that did not pass. */
  failing: string[];
  /** The scripts that took the main thread longest (Lighthouse's bootup-time), for --only. */
  scripts: string[];
};

async function main(): Promise<void> {
  await ensureBuild(".next-lighthouse");
  const dataDir = mkdtempSync(join(tmpdir(), "radar-lighthouse-"));
  const server = await startAppServer({
    distDir: ".next-lighthouse",
    port: appPort,
    emulatorPort,
    dataDir,
    databaseUrl: undefined,
    logFile: join(dataDir, "server.log"),
    spansEndpoint: undefined,
  });
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: [...CHROMIUM_FLAGS, `--remote-debugging-port=${DEBUGGING_PORT}`],
  });
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await register(page, { email: uniqueEmail("lighthouse") });
    await page.waitForURL(/\/account$/);
    await payWithCard(page, "4242 4242 4242 4242");
    await page.waitForURL(/\/orders\/\w+$/);
    const order = new URL(page.url()).pathname.split("/").at(-1) as string;
    const cookie = (await context.cookies())
      .map(({ name, value }) => `${name}=${value}`)
      .join("; ");

    const pages = [
      ...SIGNED_OUT.map((path) => ({ path, signedIn: false })),
      ...SIGNED_IN.map((path) => ({ path: path.replace(":order", order), signedIn: true })),
    ].filter(({ path }) => !only || path === only);
    const rows: Row[] = [];
    for (const { path, signedIn } of pages) {
      for (const formFactor of ["mobile", "desktop"] as const) {
        const result = await lighthouse(
          `${server.url}${path}`,
          {
            port: DEBUGGING_PORT,
            output: "json",
            logLevel: "error",
            onlyCategories: [...CATEGORIES],
            extraHeaders: signedIn ? { Cookie: cookie } : undefined,
          },
          formFactor === "desktop" ? desktopConfig : undefined,
        );
        if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
        const { categories, audits } = result.lhr;
        const failing = CATEGORIES.filter((name) => name !== "performance").flatMap((name) =>
          (categories[name]?.auditRefs ?? [])
            .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
            .map((ref) => `${name}: ${ref.id}`),
        );
        const bootup = (audits["bootup-time"]?.details as { items?: BootupItem[] } | undefined)
          ?.items;
        rows.push({
          failing,
          scripts: (bootup ?? [])
            .slice(0, 3)
            .map((item) => `${item.url} (${Math.round(item.scripting)} ms scripting)`),
          page: signedIn ? `${path} (signed in)` : path,
          formFactor,
          scores: CATEGORIES.map((name) => Math.round((categories[name]?.score ?? 0) * 100)),
          tbtMs: audits["total-blocking-time"]?.numericValue ?? Number.NaN,
          lcpMs: audits["largest-contentful-paint"]?.numericValue ?? Number.NaN,
        });
      }
    }
    printTable(rows);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type BootupItem = { url: string; total: number; scripting: number };

function printTable(rows: Row[]): void {
  const header = ["page", "form factor", "perf", "a11y", "best pr.", "SEO", "TBT ms", "LCP ms"];
  const lines = rows.map((row) => [
    row.page,
    row.formFactor,
    ...row.scores.map(String),
    String(Math.round(row.tbtMs)),
    String(Math.round(row.lcpMs)),
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...lines.map((line) => (line[i] as string).length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ");
  console.log(`\n${format(header)}`);
  for (const line of lines) console.log(format(line));
  for (const row of rows.filter((r) => r.failing.length > 0)) {
    console.log(`\n${row.page} (${row.formFactor}) fails ${row.failing.join(", ")}`);
  }
  if (only) {
    for (const row of rows) {
      console.log(
        `\nMain thread on ${row.page} (${row.formFactor}):\n  ${row.scripts.join("\n  ")}`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
