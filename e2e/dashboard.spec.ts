import { expect, type Page, test } from "@playwright/test";
import { emulator, fillCard, logIn, radarSessionReady, register, uniqueEmail } from "./support/app";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** The page's Content-Security-Policy violations, as the browser reports them. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  return violations;
}

/** Fills the checkout's address; on the page already open, or on `/checkout` when asked. */
async function startCheckout(page: Page, open = true) {
  if (open) await page.goto("/checkout");
  await page.getByLabel("Address", { exact: true }).fill("510 Townsend St");
  await page.getByLabel("City", { exact: true }).fill("San Francisco");
  await page.getByLabel("Postal code", { exact: true }).fill("94103");
  await radarSessionReady(page);
}

const pay = (page: Page) => page.getByRole("button", { name: /^Pay / }).click();

test("a blocked sign-up is on the dashboard with its score, risk level, rule and raw object", async ({
  page,
}) => {
  const violations = cspViolations(page);
  await register(page, { email: uniqueEmail("one") });
  await expect(page).toHaveURL(/\/account$/);
  await signOut(page);
  await register(page, { email: uniqueEmail("two") });
  await expect(page).toHaveURL(/\/account$/);
  await signOut(page);
  const blocked = uniqueEmail("three");
  await register(page, { email: blocked });
  await expect(page.getByTestId("form-message")).toContainText("We couldn't create your account");

  await page.goto("/dashboard");
  const row = page.getByTestId("evaluation-row").filter({ hasText: blocked });
  await expect(row).toHaveAttribute("data-decision", "block");
  await expect(row).toHaveAttribute("data-risk-level", "highest");
  await expect(row).toContainText("(no account)");
  const score = Number(await row.getByTestId("score").innerText());
  expect(score).toBeGreaterThanOrEqual(75);
  await expect(page.getByTestId("scores-chart").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("decision-chart").locator("svg").first()).toBeVisible();

  await row.getByRole("link", { name: "registration" }).click();
  await expect(page).toHaveURL(/\/dashboard\/evaluations\/\w+$/);
  await expect(page.getByTestId("policy-rule")).toHaveText("score >= 75: block");
  await expect(page.getByTestId("outcome")).toContainText("blocked");
  const stripeId = await page.getByTestId("stripe-id").innerText();
  expect(stripeId).toMatch(/^cuseval_|^caeval_/);
  await expect(page.getByTestId("related")).toContainText("no account was created");
  await expect(page.getByRole("link", { name: "The calls this evaluation made" })).toHaveAttribute(
    "href",
    `/dashboard/requests?evaluation=${stripeId}`,
  );

  const viewer = page.getByTestId("raw-object").getByTestId("json-view");
  await viewer.getByText("As Stripe returned it").click();
  await expect(viewer).toContainText(`"${stripeId}"`);
  await expect(viewer).not.toContainText("multi_accounting");
  await viewer.getByText("signals").click();
  await expect(viewer).toContainText("multi_accounting");
  expect(violations).toEqual([]);
});

test("the filters narrow the list, and a page of them works without JavaScript", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/dashboard");
  const everything = await page.getByTestId("evaluation-row").count();
  expect(everything).toBeGreaterThan(0);

  await page.getByLabel("Event type").selectOption("registration");
  await page.getByLabel("Decision").selectOption("block");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/event=registration/);
  const rows = page.getByTestId("evaluation-row");
  expect(await rows.count()).toBeGreaterThan(0);
  expect(await rows.count()).toBeLessThan(everything);
  for (const row of await rows.all()) {
    await expect(row).toHaveAttribute("data-event", "registration");
    await expect(row).toHaveAttribute("data-decision", "block");
  }

  await page.getByLabel("Event type").selectOption("payment");
  await page.getByLabel("Decision").selectOption("review");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No evaluation matches these filters.")).toBeVisible();

  await page.goto("/dashboard?risk=purple");
  await expect(page.getByTestId("filter-errors")).toContainText("Unknown risk level");
  await context.close();
});

test("the order page tells each attempt: a decline, a failed 3D Secure, then a payment", async ({
  page,
}) => {
  const email = uniqueEmail("attempts");
  await register(page, { email });
  await expect(page).toHaveURL(/\/account$/);
  await startCheckout(page);
  await fillCard(page, "4000 0000 0000 0002");
  await pay(page);
  await expect(page.getByTestId("card-error")).toContainText("Your card was declined.");
  await fillCard(page, "4000 0025 0000 3155");
  await pay(page);
  await page.getByTestId("stripe-emulator-3ds-fail").click();

  await expect(page).toHaveURL(/\/orders\/\w+$/);
  await expect(page.getByTestId("order-title")).toHaveText(/^Order #\d+$/);
  await expect(page).toHaveTitle(/^Order #\d+/);
  await expect(page.getByTestId("order-failure")).toContainText("3D Secure authentication failed");
  await expect(page.getByTestId("webhook-status")).toHaveCount(0);
  const attempts = page.getByTestId("payment-attempt");
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(0).getByTestId("attempt-card")).toHaveText("visa •••• 0002");
  await expect(attempts.nth(0)).toHaveAttribute("data-decline-code", "generic_decline");
  await expect(attempts.nth(1).getByTestId("attempt-card")).toHaveText("visa •••• 3155");
  await expect(attempts.nth(1)).toHaveAttribute("data-three-d-secure", "failed");

  await page.getByTestId("pay-again").click();
  await expect(page).toHaveURL(/\/checkout\?order=/);
  await startCheckout(page, false);
  await fillCard(page, "4242 4242 4242 4242");
  await pay(page);
  await expect(page).toHaveURL(/\/orders\/\w+$/);
  await expect(page.getByTestId("order-status")).toHaveText("paid");
  await expect(attempts).toHaveCount(3);
  await expect(attempts.nth(2).getByTestId("attempt-card")).toHaveText("visa •••• 4242");
  await expect(attempts.nth(2).getByTestId("attempt-outcome")).toHaveText("Paid");

  await page.goto(`/dashboard?event=payment&who=${encodeURIComponent(email)}`);
  await expect(page.getByTestId("evaluation-row")).toHaveCount(3);
});

test("a blocked payment's order promises no webhook", async ({ page }) => {
  await register(page, { email: uniqueEmail("blocked.payment") });
  await expect(page).toHaveURL(/\/account$/);
  await startCheckout(page);
  await fillCard(page, "4000 0000 0000 4954");
  await pay(page);
  await expect(page.getByTestId("form-message")).toContainText("flagged as high risk");
  await page.goto("/account");
  await page.getByTestId("order").getByRole("link").click();
  await expect(page.getByTestId("order-failure")).toContainText("you were not charged");
  await expect(page.getByTestId("webhook-status")).toHaveCount(0);
  await expect(page.getByTestId("payment-attempt")).toHaveAttribute("data-decline-code", "");
  await expect(page.getByTestId("attempt-outcome")).toContainText("Blocked by Radar");
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the dashboard and an evaluation fit without scrolling sideways", async ({ page }) => {
    await register(page, { email: uniqueEmail("phone") });
    await expect(page).toHaveURL(/\/account$/);
    for (const path of ["/dashboard", "/dashboard?event=registration"]) {
      await page.goto(path);
      await expect(page.getByTestId("evaluation-row").first()).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
    }
    await page.getByTestId("evaluation-row").first().getByRole("link").click();
    await expect(page.getByTestId("policy-rule")).toBeVisible();
    await page.getByText("As Stripe returned it").click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
  });
});

test("a wrong-password log-in is listed as refused, an outcome the app keeps and Radar never sees", async ({
  page,
}) => {
  const email = uniqueEmail("wrong-password");
  await register(page, { email });
  await expect(page).toHaveURL(/\/account$/);
  await signOut(page);
  await logIn(page, email, "not the password at all");
  await expect(page.getByTestId("form-message")).toBeVisible();

  await page.goto(`/dashboard?who=${encodeURIComponent(email)}&event=login`);
  const row = page.getByTestId("evaluation-row").first();
  await expect(row).toHaveAttribute("data-event", "login");
  await expect(row.getByTestId("evaluation-outcome")).toHaveText("refused");
});

type Box = { x: number; y: number; width: number; height: number };

/** The chart's category labels, each with the box it is drawn in. */
async function barLabels(page: Page, testId: string) {
  const chart = page.getByTestId(testId);
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  const ticks = chart.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-label");
  const labels: { text: string | null; box: Box }[] = [];
  for (const tick of await ticks.all()) {
    const box = await tick.boundingBox();
    expect(box, "a label that is drawn").not.toBeNull();
    labels.push({ text: await tick.textContent(), box: box as Box });
  }
  return { bars: await chart.locator(".recharts-bar-rectangle").count(), labels };
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test("every bar of the dashboard's charts keeps a label of its own, an unscored one too", async ({
  page,
}) => {
  // A sign-up while Radar answers 500: unscored, a "none" bar beside normal, elevated, highest.
  await emulator.injectFault({ path: "/v1/radar/customer_evaluations", status: 500 });
  try {
    await register(page, { email: uniqueEmail("unscored") });
    await expect(page).toHaveURL(/\/account$/);
  } finally {
    await emulator.clearFaults();
  }
  // On a desktop the charts share half of their card; on a phone each has the whole width.
  for (const width of [1280, 1024, 390]) {
    await page.setViewportSize({ width, height: 844 });
    await page.goto("/dashboard");
    for (const testId of ["risk-chart", "decision-chart"]) {
      const { bars, labels } = await barLabels(page, testId);
      const texts = labels.map((label) => label.text);
      if (testId === "risk-chart")
        expect(texts, `at ${width} px`).toEqual(expect.arrayContaining(["normal", "none"]));
      expect(texts, `${testId} at ${width} px`).toHaveLength(bars);
      labels.forEach((label, index) => {
        for (const other of labels.slice(index + 1)) {
          expect(
            overlap(label.box, other.box),
            `${testId} at ${width} px: "${label.text}" and "${other.text}" overlap`,
          ).toBe(false);
        }
      });
    }
  }
});
