import { expect, test } from "@playwright/test";
import { emulator, register, uniqueEmail } from "./support/app";

test.afterEach(async () => {
  await emulator.clearFaults();
});

test("a first registration is normal risk, saves the user and reports success", async ({
  page,
}) => {
  const email = uniqueEmail("first");
  await register(page, { email });

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  const customerId = await page.getByTestId("stripe-customer-id").innerText();
  expect(customerId).toMatch(/^cus_/);

  const row = page.getByTestId("customer-evaluation");
  await expect(row).toHaveAttribute("data-event", "registration");
  await expect(row).toHaveAttribute("data-risk-level", "normal");
  await expect(row).toHaveAttribute("data-decision", "allow");
  // The outcome is reported to Radar just after the response: a reload shows it sent.
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("allowed, reported", { timeout: 1_000 });
  }).toPass();

  const evaluationId = (await row.getByText(/^cuseval_/).innerText()).trim();
  const evaluation = await emulator.retrieve(`/v1/radar/customer_evaluations/${evaluationId}`);
  expect(evaluation.customer).toBe(customerId);
  expect(evaluation.signals.multi_accounting.risk_level).toBe("normal");
  expect(evaluation.events).toEqual([expect.objectContaining({ type: "allowed" })]);
});

test("three registrations from one browser: the second is reviewed, the third blocked", async ({
  page,
}) => {
  await register(page, { email: uniqueEmail("one") });
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);

  await register(page, { email: uniqueEmail("two") });
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("review-status")).toContainText("Flagged for review");
  await expect(page.getByTestId("customer-evaluation")).toHaveAttribute(
    "data-risk-level",
    "elevated",
  );
  await page.getByRole("button", { name: "Sign out", exact: true }).click();

  const third = uniqueEmail("three");
  const radarSession = await register(page, { email: third });
  await expect(page.getByTestId("form-message")).toContainText("We couldn't create your account");
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.getByLabel("Email")).toHaveValue(third);

  const { data } = await emulator.requests("/v1/radar/customer_evaluations");
  const created = data.find(
    (entry: { method: string; path: string; body: unknown }) =>
      entry.method === "POST" &&
      entry.path === "/v1/radar/customer_evaluations" &&
      JSON.stringify(entry.body).includes(radarSession),
  );
  expect(created.response.signals.multi_accounting.risk_level).toBe("highest");
  const evaluation = await emulator.retrieve(
    `/v1/radar/customer_evaluations/${created.response.id}`,
  );
  expect(evaluation.events).toEqual([expect.objectContaining({ type: "blocked" })]);
});

test("registration completes while the emulator's evaluations stall", async ({ page }) => {
  await emulator.injectFault({ path: "/v1/radar/customer_evaluations", latency_ms: 15_000 });
  const startedAt = Date.now();
  await register(page, { email: uniqueEmail("stalled") });

  await expect(page).toHaveURL(/\/account$/, { timeout: 10_000 });
  expect(Date.now() - startedAt).toBeLessThan(10_000);
  const row = page.getByTestId("customer-evaluation");
  await expect(row).toContainText("unavailable");
  await expect(row).toHaveAttribute("data-decision", "allow");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("bad input gets messages beside each field and creates nothing", async ({ page }) => {
    await page.goto("/register");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Phone (optional)").fill("+1 (555) 010-0199 ext 123");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page.locator("#name-error")).toHaveText("Enter your name.");
    await expect(page.locator("#email-error")).toHaveText(
      "Enter a valid email address, like jenny@example.com.",
    );
    await expect(page.locator("#phone-error")).toHaveText(
      "A phone number has at most 20 characters. Leave out spaces and punctuation, like +15550100199.",
    );
    await expect(page.locator("#password-error")).toHaveText("Use at least 10 characters.");
    await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  });

  test("a valid form registers without a Radar Session", async ({ page }) => {
    const email = uniqueEmail("nojs");
    await page.goto("/register");
    await page.getByLabel("Name").fill("No Script");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/account$/);
    // Scored on what the server saw of the browser (client_details.data), and reviewed.
    const row = page.getByTestId("customer-evaluation");
    await expect(row).toHaveAttribute("data-risk-level", "normal");
    await expect(row).toHaveAttribute("data-decision", "review");
    const { data } = await emulator.requests("/v1/radar/customer_evaluations");
    const clientData = data
      .filter((entry: { path: string }) => entry.path === "/v1/radar/customer_evaluations")
      .flatMap(
        (entry: { body: { evaluation_context?: { client_details?: { data?: unknown } }[] } }) =>
          (entry.body.evaluation_context ?? []).map((context) => context.client_details?.data),
      );
    expect(clientData).toContainEqual(
      expect.objectContaining({
        ip: expect.any(String),
        user_agent: expect.stringMatching(/Chrome/),
      }),
    );
  });
});
