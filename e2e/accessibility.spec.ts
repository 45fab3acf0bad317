import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { SIGNED_OUT_PATHS, signedInPaths } from "./support/pages";

/** WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA, as axe tags them. */
const WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

const WIDTHS = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
];

/** Each violation on the page, with the elements it was found on, for a readable failure. */
async function violations(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).withTags(WCAG_A_AA).analyze();
  return results.violations.map(
    (violation) =>
      `${path}: ${violation.id} (${violation.help}) on ${violation.nodes
        .map(
          (node) =>
            `${node.target.join(" ")}${node.failureSummary ? ` [${node.failureSummary.replaceAll("\n", " ")}]` : ""}`,
        )
        .join("; ")}`,
  );
}

for (const { name, viewport } of WIDTHS) {
  test.describe(`at ${viewport.width} px (${name})`, () => {
    test.use({ viewport });
    // Seven to ten pages, each loaded and analysed: longer than one flow on a busy machine.
    test.setTimeout(240_000);

    test("no page has a WCAG 2 A or AA violation, signed out", async ({ page }) => {
      const found: string[] = [];
      for (const path of SIGNED_OUT_PATHS) found.push(...(await violations(page, path)));
      expect(found).toEqual([]);
    });

    test("no page has a WCAG 2 A or AA violation, signed in", async ({ page }) => {
      const found: string[] = [];
      for (const path of await signedInPaths(page, `axe-${name}`)) {
        found.push(...(await violations(page, path)));
      }
      expect(found).toEqual([]);
    });
  });
}
