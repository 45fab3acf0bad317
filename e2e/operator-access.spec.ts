import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { PASSWORD } from "./support/app";

const PORT = 3193;
const BASE = `http://127.0.0.1:${PORT}`;
const DATA_DIR = ".data/e2e-stripe-mode";

// The built app as deployed with Stripe keys and one operator. This machine reaches no Stripe:
// every Stripe call fails open, which is all these pages need.
let app: { kill(): void };

test.beforeAll(async () => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATA_DIR,
      STRIPE_SECRET_KEY: "sk_test_deployed",
      STRIPE_PUBLISHABLE_KEY: "pk_test_deployed",
      STRIPE_TIMEOUT_MS: "500",
      OPERATOR_EMAILS: "ops@example.com,ops3@example.com",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    detached: true,
    stdio: "ignore",
  });
  app = {
    kill: () => {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGKILL");
    },
  };
  await expect(async () => {
    expect((await fetch(`${BASE}/api/health`)).ok).toBe(true);
  }).toPass({ timeout: 60_000 });
});
test.afterAll(() => app?.kill());

/** Registers through the form; without Stripe.js the form goes without a Radar Session. */
async function registerAs(page: Page, email: string) {
  await page.goto(`${BASE}/register`);
  await page.getByLabel("Name").fill("Jenny Rosen");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
}

test("with Stripe keys, the dashboard and inspector refuse visitors and customers and open to an operator", async ({
  browser,
}) => {
  const visitor = await browser.newPage();
  for (const path of ["/dashboard", "/dashboard/requests"]) {
    await visitor.goto(`${BASE}${path}`);
    await expect(visitor.getByTestId("operator-refusal")).toContainText(
      "Sign in with an operator account",
    );
  }

  const customer = await browser.newPage();
  await registerAs(customer, "jenny@example.com");
  await customer.goto(`${BASE}/dashboard`);
  await expect(customer.getByTestId("operator-refusal")).toContainText(
    "jenny@example.com is not an operator",
  );

  const operator = await browser.newPage();
  await registerAs(operator, "ops@example.com");
  for (const path of ["/dashboard", "/dashboard/requests"]) {
    await operator.goto(`${BASE}${path}`);
    await expect(operator.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(operator.getByTestId("operator-refusal")).toHaveCount(0);
  }
});

test("with Stripe keys, a forced reset from the demo page is refused and changes nothing", async ({
  page,
}) => {
  await registerAs(page, "ops2@example.com");
  await page.goto(`${BASE}/demo`);
  const reset = page.getByRole("button", { name: "Reset the demo" });
  await expect(reset).toBeDisabled();
  await expect(page.getByTestId("reset-message")).toContainText(
    "Reset is only available with the local Stripe emulator",
  );
  // The attacker re-enables the button and sends the server action anyway.
  await reset.evaluate((button) => button.removeAttribute("disabled"));
  await reset.click();
  await expect(page.getByTestId("reset-message")).toContainText(/operator|only available/);
  // Nothing was cleared: this browser's account and session are still there.
  await page.goto(`${BASE}/account`);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("ops2@example.com").first()).toBeVisible();
});

test("with Stripe keys, a customer cannot reach an evaluation's page, directly or by navigating inside the dashboard", async ({
  browser,
}) => {
  const operator = await browser.newPage();
  await registerAs(operator, "ops3@example.com");
  const customer = await browser.newPage();
  await registerAs(customer, "mallory@example.com");

  await operator.goto(`${BASE}/dashboard?who=ops3%40example.com`);
  const link = operator.locator('a[href^="/dashboard/evaluations/"]').first();
  const path = await link.getAttribute("href");
  expect(path).toBeTruthy();

  await customer.goto(`${BASE}${path}`);
  await expect(customer.getByTestId("operator-refusal")).toBeVisible();
  await expect(customer.getByText("ops3@example.com")).toHaveCount(0);

  // A client-side navigation from another dashboard page, which may render the page alone.
  await customer.goto(`${BASE}/dashboard`);
  await customer.evaluate((href) => {
    const { router } = (window as unknown as { next: { router: { push(href: string): void } } })
      .next;
    router.push(href);
  }, path as string);
  await expect(customer).toHaveURL(new RegExp(`${path}$`));
  await expect(customer.getByTestId("operator-refusal")).toBeVisible();
  await expect(customer.getByText("ops3@example.com")).toHaveCount(0);
});
