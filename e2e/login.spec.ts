import { expect, type Page, test } from "@playwright/test";
import { evaluationIdFor, logIn, register, signalName, uniqueEmail } from "./support/app";

/** The newest row of the account page's log-in evaluations. */
const latestLogin = (page: Page) =>
  page.locator('[data-testid="customer-evaluation"][data-event="login"]').first();

test("a wrong password gets a generic message and is not scored as one of the account's devices", async ({
  page,
}) => {
  const email = uniqueEmail("wrongpw");
  await register(page, { email });
  await page.getByRole("button", { name: "Sign out", exact: true }).click();

  const radarSession = await logIn(page, email, "not my password");
  await expect(page.getByTestId("form-message")).toHaveText("Email or password is incorrect.");
  // Only a verified password is evaluated: the guess's device never reaches Radar.
  expect(await evaluationIdFor(radarSession)).toBeUndefined();

  // The right password from the same page (a fresh Radar Session) signs in, and is scored.
  const fresh = await logIn(page, email);
  await expect(page).toHaveURL(/\/account$/);
  expect(await evaluationIdFor(fresh)).toMatch(/^(cuseval|acctevl)_/);
});

test("logins from more and more devices climb to review and then a block", async ({ browser }) => {
  const email = uniqueEmail("shared");
  const home = await browser.newContext({ timezoneId: "Europe/Paris" });
  const homePage = await home.newPage();
  await register(homePage, { email });
  await expect(homePage).toHaveURL(/\/account$/);
  await homePage.getByRole("button", { name: "Sign out", exact: true }).click();
  await logIn(homePage, email);
  await expect(homePage).toHaveURL(/\/account$/);
  await expect(latestLogin(homePage)).toHaveAttribute("data-risk-level", "normal");

  const friend = await browser.newContext({
    timezoneId: "America/New_York",
    userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Safari/605.1.15",
  });
  const friendPage = await friend.newPage();
  await logIn(friendPage, email);
  await expect(friendPage).toHaveURL(/\/account$/);
  await expect(friendPage.getByTestId("review-status")).toContainText(
    `Flagged for review: ${signalName("login")} elevated`,
  );
  await expect(latestLogin(friendPage)).toHaveAttribute("data-risk-level", "elevated");

  const stranger = await browser.newContext({
    timezoneId: "Asia/Tokyo",
    userAgent: "Mozilla/5.0 (Linux; Android 14) Mobile Chrome/140",
  });
  const strangerPage = await stranger.newPage();
  await logIn(strangerPage, email);
  await expect(strangerPage.getByTestId("form-message")).toContainText("We couldn't sign you in");
  await expect(strangerPage).toHaveURL(/\/login$/);
  // In demo mode the presenter can open why; the person's sentence names no factor.
  const why = strangerPage.locator('details:has(> summary:has-text("Why?"))');
  await why.locator("summary").click();
  await expect(why).toContainText(`${signalName("login")}: score`);
  await expect(why.getByTestId("score-factor").filter({ hasText: "devices" })).toBeVisible();

  // The account's owner sees the blocked attempt on their account page.
  const blocked = homePage.locator('[data-testid="customer-evaluation"][data-decision="block"]');
  await expect(async () => {
    await homePage.goto("/account");
    await expect(blocked).toHaveAttribute("data-risk-level", "highest", { timeout: 1_000 });
    await expect(blocked).toContainText("blocked, reported", {
      timeout: 1_000,
    });
  }).toPass();

  await Promise.all([home.close(), friend.close(), stranger.close()]);
});

test("a signed-out visitor is sent from the account page to log in", async ({ page }) => {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login$/);
});
