import { expect, type Locator, type Page, test } from "@playwright/test";
import { payWithCard, register, uniqueEmail } from "./support/app";

/** The presenter's "Why?" disclosure, opened. */
async function openWhy(scope: Page | Locator): Promise<Locator> {
  const why = scope.locator('details:has(> summary:has-text("Why?"))').last();
  await expect(why.getByTestId("why-this-score")).toBeHidden();
  await why.locator("summary").click();
  await expect(why.getByTestId("why-this-score")).toBeVisible();
  return why;
}

test("sign-ups from one browser: the review names its signal and the block says why", async ({
  page,
}) => {
  await register(page, { email: uniqueEmail("why-one") });
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("review-status")).toHaveText("Not flagged");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();

  await register(page, { email: uniqueEmail("why-two") });
  await expect(page).toHaveURL(/\/account$/);
  const review = page.getByTestId("review-status");
  await expect(review).toContainText("Flagged for review: multi_accounting elevated");
  const reviewWhy = await openWhy(review);
  await expect(
    reviewWhy.getByTestId("score-factor").filter({ hasText: "device_reuse" }),
  ).toContainText("1 other customer(s) registered from this device");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);

  await register(page, { email: uniqueEmail("why-three") });
  const message = page.getByTestId("form-message");
  await expect(message).toContainText("couldn't create your account");
  await expect(message).not.toContainText("device_reuse");
  const why = await openWhy(page);
  await expect(why).toContainText("multi_accounting: score");
  await expect(why).toContainText("highest");
  const reuse = why.getByTestId("score-factor").filter({ hasText: "device_reuse" });
  await expect(reuse).toContainText("2 other customer(s) registered from this device");
  await expect(reuse).toContainText(/\+\d+/);
});

test("a blocked payment says why on the checkout form and on the order", async ({ page }) => {
  await register(page, { email: uniqueEmail("why-buyer") });
  await expect(page).toHaveURL(/\/account$/);
  await payWithCard(page, "4000 0000 0000 4954");

  await expect(page.getByTestId("form-message")).toContainText("flagged as high risk");
  const why = await openWhy(page);
  await expect(why).toContainText("fraudulent_payment: score");
  await expect(why.getByTestId("score-factor").filter({ hasText: "test_card" })).toBeVisible();

  await page.goto("/account");
  await page.getByTestId("order").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/orders\/\w+$/);
  const attempt = page.getByTestId("payment-attempt");
  const orderWhy = await openWhy(attempt);
  await expect(orderWhy.getByTestId("score-factor").filter({ hasText: "test_card" })).toBeVisible();
});
