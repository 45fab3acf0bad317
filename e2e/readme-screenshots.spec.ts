import { expect, type Page, test } from "@playwright/test";
import { payWithCard, register, uniqueEmail } from "./support/app";

/**
 * `npm run screenshots`: the README's pictures, taken from the running app as a visitor meets it
 * (the first-run history included). Not part of `npm test`, which leaves `@screenshots` out.
 */
const shoot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: `public/screenshots/${name}.png`, fullPage });

test.use({ viewport: { width: 1280, height: 800 } });

test("the README's screenshots @screenshots", async ({ page, browser }) => {
  test.setTimeout(180_000);
  // The first start seeds the demo history in the background.
  await expect(async () => {
    await page.goto("/dashboard?who=deals.1.3%40example.net");
    await expect(page.getByText("deals.1.3@example.net").first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 90_000 });

  await page.goto("/");
  await shoot(page, "home");

  await page.goto("/demo");
  await page.getByTestId("multi-accounting-signup").getByRole("button").first().click();
  await expect(page.getByTestId("step-result").first()).toBeVisible({ timeout: 20_000 });
  await shoot(page, "demo");

  await page.goto("/dashboard");
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await shoot(page, "dashboard", false);

  await page.goto("/dashboard?decision=block&event=registration");
  await page.locator('a[href^="/dashboard/evaluations/"]').first().click();
  await expect(page.getByRole("heading", { name: "Why this score" })).toBeVisible();
  await shoot(page, "evaluation");

  // A shopper on a browser of their own: the demo's sign-ups above were from this one.
  const shopper = await (
    await browser.newContext({ viewport: { width: 1280, height: 800 } })
  ).newPage();
  await register(shopper, { email: uniqueEmail("readme") });
  await expect(shopper).toHaveURL(/\/account$/, { timeout: 20_000 });
  await shoot(shopper, "account");

  await shopper.goto("/checkout");
  await shoot(shopper, "checkout");
  await payWithCard(shopper, "4242 4242 4242 4242");
  await expect(shopper).toHaveURL(/\/orders\//, { timeout: 20_000 });
  await shoot(shopper, "order");

  await page.goto("/dashboard/requests");
  await shoot(page, "requests");
});
