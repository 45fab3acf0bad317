import { expect, type Page, test } from "@playwright/test";

test("the home page says what the project is, how it runs, its lifecycle and where to start", async ({
  page,
}) => {
  await page.goto("/");
  await expect(
    page.getByRole("heading", { name: "Stripe Radar for sign-up, login and checkout" }),
  ).toBeVisible();
  await expect(page.getByTestId("stripe-mode")).toHaveText("Stripe emulator");
  await expect(page.getByTestId("home-stripe-mode")).toContainText("Local Stripe emulator");
  await expect(page.getByTestId("home-database")).toHaveText("Embedded PostgreSQL (PGlite)");

  const lifecycle = page.getByRole("region", { name: "The lifecycle Radar scores" });
  const links = [
    ["Registration", "/register", "multi_accounting"],
    ["Login", "/login", "account_sharing"],
    ["Payment", "/checkout", "fraudulent_payment"],
  ] as const;
  for (const [name, href, signal] of links) {
    const link = lifecycle.getByRole("link", { name: new RegExp(`^${name}`) });
    await expect(link).toHaveAttribute("href", href);
    await expect(link).toContainText(signal);
  }
  await page.getByRole("link", { name: "Start the guided scenarios" }).click();
  await expect(page).toHaveURL(/\/demo$/);
  await expect(page.getByRole("heading", { name: "Guided scenarios" })).toBeVisible();
});

async function pageWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

test("the home page and the guided scenarios fit a 390 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/", "/demo"]) {
    await page.goto(path);
    expect(await pageWidth(page), path).toBeLessThanOrEqual(390);
  }
});

test("the health endpoint reports the embedded database and the emulator", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.ok()).toBe(true);
  expect(await response.json()).toEqual({ ok: true, database: "embedded", stripe: "emulator" });
});

test("the first Tab reaches a skip link that moves past the navigation to the page's content", async ({
  page,
}) => {
  await page.goto("/register");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Name")).toBeFocused();
});
