import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { expect, type Page } from "@playwright/test";
import { emulatorApi, readOrCreateLocalSecrets } from "stripe-emulator";

/**
 * The emulator the app under test started (see playwright.config.ts), with the control token
 * from its data dir (DATA_DIR .data/e2e, so .data/e2e/emulator/local-secrets.json).
 */
export const emulator = emulatorApi(
  `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? 12112}`,
  readOrCreateLocalSecrets(resolve(".data/e2e/emulator")).controlToken,
);

export const PASSWORD = "correct horse battery";

export const uniqueEmail = (label: string) => `${label}.${randomUUID().slice(0, 8)}@example.com`;

/** Waits until the page's Radar Session exists, as a person's typing would give it time to. */
export async function radarSessionReady(page: Page): Promise<string> {
  const field = page.getByTestId("radar-session");
  await expect(field).toHaveAttribute("data-state", "ready");
  return (await field.inputValue()) as string;
}

export async function register(
  page: Page,
  {
    name = "Jenny Rosen",
    email,
    password = PASSWORD,
  }: { name?: string; email: string; password?: string },
) {
  await page.goto("/register");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const radarSession = await radarSessionReady(page);
  await page.getByRole("button", { name: "Create account" }).click();
  return radarSession;
}

export async function logIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const radarSession = await radarSessionReady(page);
  await page.getByRole("button", { name: "Log in" }).click();
  return radarSession;
}

/** The Customer Evaluations Stripe received with this Radar Session. */
export async function evaluationsForRadarSession(radarSession: string) {
  const { data } = await emulator.requests("/v1/radar/customer_evaluations");
  return (data as { method: string; path: string; body: unknown; response: { id?: string } }[])
    .filter((entry) => entry.method === "POST" && JSON.stringify(entry.body).includes(radarSession))
    .map((entry) => entry.response);
}

/** Fills the checkout's billing address and waits for the page's Radar Session. */
export async function fillBillingAddress(page: Page) {
  await page.getByLabel("Address", { exact: true }).fill("510 Townsend St");
  await page.getByLabel("City", { exact: true }).fill("San Francisco");
  await page.getByLabel("Postal code", { exact: true }).fill("94103");
  await radarSessionReady(page);
}

/** Fills the emulator's stand-in card Element with a test card, a future expiry and a CVC (the postal code is the billing address's). */
export async function fillCard(page: Page, number: string) {
  const card = page.getByTestId("card-element");
  await card.getByLabel("Card number").fill(number);
  await card.getByLabel("Expiration date (MM / YY)").fill("12 / 34");
  await card.getByLabel("Security code").fill("123");
}

/** A signed-in person's checkout: the address, the card, and Pay. */
export async function payWithCard(page: Page, number: string) {
  await page.goto("/checkout");
  await page.getByLabel("Address", { exact: true }).fill("510 Townsend St");
  await page.getByLabel("City", { exact: true }).fill("San Francisco");
  await page.getByLabel("Postal code", { exact: true }).fill("94103");
  await radarSessionReady(page);
  await fillCard(page, number);
  await page.getByRole("button", { name: /^Pay / }).click();
}
