import { expect, test } from "@playwright/test";
import { payWithCard, register, uniqueEmail } from "./support/app";

test("the inspector lists the Stripe calls a sign-up made, with masked bodies", async ({
  page,
}) => {
  await register(page, { email: uniqueEmail("inspected") });
  await expect(page).toHaveURL(/\/account$/);
  const customerId = await page.getByTestId("stripe-customer-id").innerText();
  const evaluationId = (
    await page
      .getByTestId("customer-evaluation")
      .getByText(/^cuseval_/)
      .innerText()
  ).trim();

  const calls = page.getByTestId("stripe-request");
  // The report goes after the response, and the log writes its calls in batches: read again
  // until all three are there.
  await expect(async () => {
    await page.goto(`/dashboard/requests?customer=${customerId}`);
    await expect(calls).toHaveCount(3, { timeout: 1_000 });
  }).toPass();
  // Newest first: the report, the evaluation, the customer.
  await expect(calls.nth(0)).toContainText(`/v1/radar/customer_evaluations/${evaluationId}/report`);
  await expect(calls.nth(1)).toContainText("/v1/radar/customer_evaluations");
  await expect(calls.nth(2)).toContainText("POST/v1/customers");
  for (const call of await calls.all()) await expect(call).toContainText("200");

  const evaluation = calls.nth(1);
  await evaluation.locator("summary").first().click();
  await expect(evaluation).toContainText("2026-08-12.preview");
  await expect(evaluation).toContainText(/req_\w+/);
  await expect(evaluation).toContainText("registration-evaluation-");
  await evaluation.getByText("Response body (masked)").click();
  await expect(evaluation.getByTestId("json-view").last()).toContainText(evaluationId);

  // The evaluation's own link narrows the list to its two calls.
  await evaluation.getByRole("link", { name: evaluationId }).click();
  await expect(page).toHaveURL(new RegExp(`evaluation=${evaluationId}`));
  await expect(page.getByTestId("stripe-request")).toHaveCount(2);
  expect(await page.content()).not.toMatch(/sk_test_(?!\[masked\])/);
});

test("a checkout's calls are listed under its order, with no card number in them", async ({
  page,
}) => {
  await register(page, { email: uniqueEmail("inspected-buyer") });
  await expect(page).toHaveURL(/\/account$/);
  await payWithCard(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/orders\/\w+$/);
  await page.getByRole("link", { name: "Stripe calls for this order" }).click();
  await expect(page).toHaveURL(/\/dashboard\/requests\?order=\w+$/);

  const calls = page.getByTestId("stripe-request");
  await expect(calls.filter({ hasText: "/v1/radar/payment_evaluations" })).toHaveCount(1);
  await expect(calls.filter({ hasText: "/v1/payment_intents" }).first()).toBeVisible();
  for (const call of await calls.all()) await call.locator("summary").first().click();
  const html = await page.content();
  expect(html).not.toMatch(/4242\s?4242\s?4242\s?4242/);
  expect(html).not.toMatch(/_secret_(?!\[masked\])/);
});
