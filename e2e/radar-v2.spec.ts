import { expect, type Page, test } from "@playwright/test";
import { emulator, logIn, register, uniqueEmail } from "./support/app";

// Runs against the server started with RADAR_API=v2 (the radar-v2 project, playwright.config.ts).

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
}

test.afterEach(async () => {
  await emulator.setSignalsCompletionDelay(100);
});

test("the dashboard names the v2 signals, and an evaluation's page and calls are v2's", async ({
  page,
}) => {
  const email = uniqueEmail("v2");
  await register(page, { email });
  await expect(page).toHaveURL(/\/account$/);
  await signOut(page);
  await logIn(page, email);
  await expect(page).toHaveURL(/\/account$/);

  await page.goto(`/dashboard?who=${encodeURIComponent(email)}`);
  const rows = page.getByTestId("evaluation-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "registration" })).toContainText("user_multi_accounting");
  await expect(rows.filter({ hasText: "login" })).toContainText("user_account_sharing");
  await page.goto("/dashboard?signal=user_account_sharing");
  await expect(page.getByTestId("evaluation-row").first()).toContainText("user_account_sharing");

  await page.goto(`/dashboard?who=${encodeURIComponent(email)}&event=registration`);
  await page.getByTestId("evaluation-row").getByRole("link", { name: "registration" }).click();
  const stripeId = (await page.getByTestId("stripe-id").innerText()).trim();
  expect(stripeId).toMatch(/^acctevl_/);
  await expect(page.getByTestId("policy-rule")).toHaveText(/^score < 65: allow$/);
  const viewer = page.getByTestId("raw-object").getByTestId("json-view");
  await viewer.getByText("As Stripe returned it").click();
  await expect(viewer).toContainText("v2.signals.account_evaluation");

  // Created, read until complete, and the decision reported as an Account Activity.
  const calls = page.getByTestId("stripe-request");
  await expect(async () => {
    await page.goto(`/dashboard/requests?evaluation=${stripeId}`);
    await expect(calls.filter({ hasText: "/v2/signals/account_activity" })).toHaveCount(1, {
      timeout: 1_000,
    });
  }).toPass();
  await expect(calls.last()).toContainText("POST/v2/signals/account_evaluations");
  await expect(
    calls.filter({ hasText: `GET/v2/signals/account_evaluations/${stripeId}` }).first(),
  ).toBeVisible();
  const activity = calls.filter({ hasText: "/v2/signals/account_activity" });
  await activity.locator("summary").first().click();
  await expect(activity).toContainText("2026-08-26.preview");
  await activity.getByText("Request body (masked)").click();
  await expect(activity.getByTestId("json-view").first()).toContainText("registration_decision");
});

test("a sign-up whose evaluation is not complete in time goes on without the signal, says so, and shows the signal its event brings", async ({
  page,
}) => {
  // Completes a second after the app (RADAR_V2_WAIT_MS, 2 s) has stopped waiting.
  await emulator.setSignalsCompletionDelay(3_000);
  const email = uniqueEmail("v2-late");
  await register(page, { email });
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("customer-evaluation")).toHaveAttribute("data-decision", "allow");

  await page.goto(`/dashboard?who=${encodeURIComponent(email)}`);
  const row = page.getByTestId("evaluation-row");
  await expect(row.getByTestId("unavailable-reason")).toHaveText(
    "evaluation not complete after 2000 ms",
  );
  await expect(row).toHaveAttribute("data-risk-level", "");
  // The emulator sends v2.signals.account_evaluation.complete, signed, to the app's webhook.
  await expect(async () => {
    await page.reload();
    await expect(row).toHaveAttribute("data-risk-level", "normal", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(row).toHaveAttribute("data-decision", "allow");
  await expect(row.getByTestId("unavailable-reason")).toBeVisible();

  await row.getByRole("link", { name: "registration" }).click();
  await expect(page.getByTestId("stripe-id")).toHaveText(/^acctevl_/);
  await expect(page.getByTestId("policy-rule")).toContainText(
    "evaluation not complete after 2000 ms",
  );
});
