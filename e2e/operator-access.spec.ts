import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { PASSWORD } from "./support/app";

// Beside the app that the other specs share, on a port of this run's own.
const PORT = Number(process.env.E2E_APP_PORT ?? 3112) + 1000;
const BASE = `http://127.0.0.1:${PORT}`;
const DATA_DIR = ".data/e2e-stripe-mode";
// The built app as deployed with Stripe keys. This machine reaches no Stripe: every Stripe call
// fails open, which is all these pages need.
const ENV = {
  ...process.env,
  PORT: String(PORT),
  DATA_DIR,
  STRIPE_SECRET_KEY: "sk_test_deployed",
  STRIPE_PUBLISHABLE_KEY: "pk_test_deployed",
  STRIPE_TIMEOUT_MS: "500",
  NEXT_TELEMETRY_DISABLED: "1",
};

let app: { stop(signal?: NodeJS.Signals): Promise<void> } | undefined;

/** Whether a process of the group `pid` leads still runs. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts the built app with `npm start` (the build is current by now, so it is not built again). */
async function startApp() {
  const child = spawn("npm", ["start"], { env: ENV, detached: true, stdio: "ignore" });
  const { pid } = child;
  if (pid === undefined) throw new Error("npm start did not start");
  app = {
    // The server is several processes: signal the whole group and wait until every one has ended.
    stop: async (signal = "SIGKILL") => {
      if (groupAlive(pid)) process.kill(-pid, signal);
      await expect.poll(() => groupAlive(pid), { timeout: 20_000 }).toBe(false);
    },
  };
  await expect(async () => {
    expect((await fetch(`${BASE}/api/health`)).ok).toBe(true);
  }).toPass({ timeout: 60_000 });
}

/** The deployer's command line, with the server stopped (the embedded database is one process's). */
function grantOperator(email: string) {
  const granted = spawnSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "prisma/operator.ts", "grant", email],
    { env: ENV, encoding: "utf8" },
  );
  expect(granted.stderr).toBe("");
  expect(granted.stdout).toContain(`${email} is now an operator.`);
}

test.beforeAll(async ({ browser }) => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  await startApp();
  // The operator-to-be registers through the public form, as anyone could with any email:
  // that alone opens nothing.
  const page = await browser.newPage();
  await registerAs(page, "ops@example.com");
  await page.goto(`${BASE}/dashboard`);
  await expect(page.getByTestId("operator-refusal")).toContainText(
    "ops@example.com is not an operator. Whoever runs the server can grant it with npm run operator -- grant <email>.",
  );
  await page.close();
  await app?.stop("SIGTERM");
  grantOperator("ops@example.com");
  await startApp();
});
test.afterAll(() => app?.stop());

/** Registers through the form; without Stripe.js the form goes without a Radar Session. */
async function registerAs(page: Page, email: string) {
  await page.goto(`${BASE}/register`);
  await page.getByLabel("Name").fill("Jenny Rosen");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
}

/** Logs in through the form, without a Radar Session like the registration. */
async function logInAs(page: Page, email: string) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/account$/, { timeout: 20_000 });
}

test("with Stripe keys, the dashboard and inspector refuse visitors and customers and open to an operator granted on the command line", async ({
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
  await logInAs(operator, "ops@example.com");
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
  await logInAs(operator, "ops@example.com");
  const customer = await browser.newPage();
  await registerAs(customer, "mallory@example.com");

  await operator.goto(`${BASE}/dashboard?who=ops%40example.com`);
  const link = operator.locator('a[href^="/dashboard/evaluations/"]').first();
  const path = await link.getAttribute("href");
  expect(path).toBeTruthy();

  await customer.goto(`${BASE}${path}`);
  await expect(customer.getByTestId("operator-refusal")).toBeVisible();
  await expect(customer.getByText("ops@example.com")).toHaveCount(0);

  // A client-side navigation from another dashboard page, which may render the page alone.
  await customer.goto(`${BASE}/dashboard`);
  await customer.evaluate((href) => {
    const { router } = (window as unknown as { next: { router: { push(href: string): void } } })
      .next;
    router.push(href);
  }, path as string);
  await expect(customer).toHaveURL(new RegExp(`${path}$`));
  await expect(customer.getByTestId("operator-refusal")).toBeVisible();
  await expect(customer.getByText("ops@example.com")).toHaveCount(0);
});
