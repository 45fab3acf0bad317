import { expect, type Locator, type Page, test } from "@playwright/test";
import { emulator, fillBillingAddress, fillCard, logIn } from "./support/app";

const SEEDED_PASSWORD = "radar demo shopper";

/** The newest result of a step: its risk level and decision badges, as the app saved them. */
async function runStep(page: Page, testId: string, label: string): Promise<Locator> {
  const step = page.getByTestId(testId);
  const before = await step.getByTestId("step-result").count();
  await step.getByRole("button", { name: label }).click();
  await expect(step.getByTestId("step-result")).toHaveCount(before + 1, { timeout: 20_000 });
  return step.getByTestId("step-result").first();
}

async function expectOutcome(result: Locator, riskLevel: string, decision: string) {
  await expect(result).not.toHaveAttribute("role", "alert");
  await expect(result.getByTestId("step-risk-level")).toHaveText(riskLevel);
  await expect(result.getByTestId("step-decision")).toHaveText(decision);
}

test("a fresh start shows weeks of seeded history: a blocked sign-up farm is on the dashboard", async ({
  page,
}) => {
  // The first start seeds in the background: the dashboard has it within moments.
  await expect(async () => {
    await page.goto("/dashboard?who=deals.1.3%40example.net");
    await expect(page.getByText("deals.1.3@example.net").first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await page.goto("/demo");
  await expect(page.getByTestId("seeded-accounts")).toContainText("@example.com");
});

test("multi-accounting: three sign-ups from this browser go normal, elevated, highest", async ({
  page,
}) => {
  await page.goto("/demo");
  const label = "Sign up from this browser";
  await expectOutcome(await runStep(page, "multi-accounting-signup", label), "normal", "allow");
  await expectOutcome(await runStep(page, "multi-accounting-signup", label), "elevated", "review");
  await expectOutcome(await runStep(page, "multi-accounting-signup", label), "highest", "block");
});

test("account sharing: the owner's laptop, this browser, then a phone in Tokyo", async ({
  page,
}) => {
  await page.goto("/demo");
  await expectOutcome(
    await runStep(page, "account-sharing-owner", "Owner signs up and logs in"),
    "normal",
    "allow",
  );
  await expectOutcome(
    await runStep(page, "account-sharing-here", "Log in from this browser"),
    "elevated",
    "review",
  );
  await expect(page.getByTestId("signed-in-as")).toContainText("sam.shared.");
  // The page says it too (the header hides the email on a phone).
  await expect(
    page.getByTestId("account-sharing-here").getByTestId("step-signed-in").first(),
  ).toContainText("This browser is signed in as sam.shared.");
  await expectOutcome(
    await runStep(page, "account-sharing-elsewhere", "Log in from a phone in Tokyo"),
    "highest",
    "block",
  );
});

test("a risky payment: the highest-risk test card is blocked before any charge", async ({
  page,
}) => {
  await page.goto("/demo");
  await expectOutcome(
    await runStep(page, "multi-accounting-signup", "Sign up from this browser"),
    "normal",
    "allow",
  );
  const normal = await runStep(page, "payment-pm_card_visa", "Pay with 4242 4242 4242 4242");
  await expectOutcome(normal, "normal", "allow");
  await expect(normal).toContainText("paid");
  const highest = await runStep(
    page,
    "payment-pm_card_riskLevelHighest",
    "Pay with 4000 0000 0000 4954",
  );
  await expectOutcome(highest, "highest", "block");
  // The presenter sees why: the emulator's factor for Stripe's risk test card.
  await highest.getByText("Why?").click();
  await expect(highest).toContainText("test_card");
  await expect(highest).toContainText("blocked");
});

test("Radar down: a sign-up during the outage fails open, unscored, and the outage ends", async ({
  page,
}) => {
  await page.goto("/demo");
  await page.getByRole("button", { name: "Make Radar answer 500 for one minute" }).click();
  await expect(page.getByTestId("outage-state")).toContainText("Radar is down");
  const result = await runStep(page, "radar-down-signup", "Sign up from this browser");
  await expectOutcome(result, "none", "allow");
  await expect(result).toContainText("Radar unavailable");
  await result.getByText("Why?").click();
  await expect(result.getByTestId("why-radar-unavailable")).toContainText(
    "Radar was down or unreachable",
  );
  await expect(result).not.toContainText("could not be read");
  await expect(result.getByTestId("step-signed-in")).toContainText("signed in as demo.shopper.");
  await page.getByRole("button", { name: "End the outage now" }).click();
  await expect(page.getByTestId("outage-state")).toHaveText("Radar is up.");
  await expectOutcome(
    await runStep(page, "radar-down-signup", "Sign up from this browser"),
    "normal",
    "allow",
  );
});

test("the outage's status says when the outage ends, without a reload", async ({ page }) => {
  await page.goto("/demo");
  await page.getByRole("button", { name: "Make Radar answer 500 for one minute" }).click();
  await expect(page.getByTestId("outage-state")).toContainText("Radar is down");
  // It ends elsewhere (as on its own after the minute, or from another tab).
  await emulator.clearFaults();
  await expect(page.getByTestId("outage-state")).toHaveText(
    "Radar is up again: the outage has ended, and evaluations are scored.",
    { timeout: 10_000 },
  );
});

test("reset empties and re-seeds; a seeded user can then log in and pay", async ({ page }) => {
  await page.goto("/demo");
  await runStep(page, "multi-accounting-signup", "Sign up from this browser");
  const signedUp = await page.getByTestId("signed-in-as").innerText();

  await page.getByRole("button", { name: "Reset the demo" }).click();
  await expect(page.getByTestId("reset-message")).toContainText(/^Reset: \d+ users/, {
    timeout: 120_000,
  });
  // The steps' results of the run before, whose rows are gone, are no longer shown.
  await expect(page.getByTestId("step-result")).toHaveCount(0);
  // The browser's account is gone with everything else, and this browser is signed out.
  await page.goto(`/dashboard?who=${encodeURIComponent(signedUp)}`);
  await expect(page.getByText(signedUp)).toHaveCount(0);
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);

  await page.goto("/demo");
  const seeded = (await page.getByTestId("seeded-accounts").innerText()).match(
    /[\w.+-]+@example\.com/,
  )?.[0];
  expect(seeded).toBeTruthy();
  await logIn(page, seeded as string, SEEDED_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/checkout");
  // Demo mode lists Stripe's test cards beside the card field.
  await page.getByTestId("test-cards").getByText("Test cards").click();
  await expect(page.getByRole("button", { name: "Copy 4000 0000 0000 4954" })).toBeVisible();
  await fillBillingAddress(page);
  await fillCard(page, "4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page).toHaveURL(/\/orders\/\w+$/);
  await expect(page.getByTestId("order-status")).toHaveText("paid");
});
