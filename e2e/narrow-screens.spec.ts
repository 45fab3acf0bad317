import { expect, type Page, test } from "@playwright/test";
import { logIn, payWithCard, register, uniqueEmail } from "./support/app";
import { SIGNED_OUT_PATHS, signedInPaths } from "./support/pages";

test.use({ viewport: { width: 390, height: 844 } });

async function expectNoOverflow(page: Page, path: string) {
  await page.goto(path);
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(
    widths.scroll,
    `${path} is ${widths.scroll} px wide at ${widths.viewport} px`,
  ).toBeLessThanOrEqual(widths.viewport);
}

test("no page overflows a 390 px screen, signed out", async ({ page }) => {
  for (const path of SIGNED_OUT_PATHS) await expectNoOverflow(page, path);
});

test("no page overflows a 390 px screen, signed in", async ({ page }) => {
  for (const path of await signedInPaths(page, "phone")) await expectNoOverflow(page, path);
});

test("an unknown address gets the styled 404 page, and every page has the favicon", async ({
  page,
}) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Home" })).toHaveAttribute("href", "/");
  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  const served = await page.request.get(icon as string);
  expect(served.headers()["content-type"]).toContain("image/svg+xml");
});

test("at 390 px a blocked payment, a decline and a refused log-in are brought into view, focused and announced", async ({
  page,
}) => {
  const email = uniqueEmail("phone-outcomes");
  await register(page, { email });
  await expect(page).toHaveURL(/\/account$/);

  await payWithCard(page, "4000 0000 0000 4954");
  const blocked = page.getByTestId("form-message");
  await expect(blocked).toContainText("flagged as high risk");
  await expect(blocked).toBeInViewport();
  await expect(blocked).toBeFocused();
  await expect(blocked).toHaveAttribute("role", "alert");

  await payWithCard(page, "4000 0000 0000 0002");
  const declined = page.getByTestId("card-error");
  await expect(declined).toBeVisible();
  await expect(declined).toBeInViewport();
  await expect(declined).toBeFocused();
  await expect(declined).toHaveAttribute("role", "alert");

  await page.getByRole("button", { name: "Sign out" }).click();
  await logIn(page, email, "not the password");
  const refused = page.getByTestId("form-message");
  await expect(refused).toBeVisible();
  await expect(refused).toBeInViewport();
  await expect(refused).toBeFocused();
});
