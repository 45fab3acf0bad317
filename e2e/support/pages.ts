import { expect, type Page } from "@playwright/test";
import { payWithCard, register, uniqueEmail } from "./app";

/**
 * Every page. Add a page here when you add one; `:order` is replaced by an order the signed-in
 * person placed, `:evaluation` by the newest evaluation on the dashboard.
 */
export const SIGNED_OUT_PATHS = [
  "/",
  "/register",
  "/login",
  "/dashboard",
  "/dashboard/requests",
  "/demo",
  "/no-such-page",
];
export const SIGNED_IN_PATHS = [
  ...SIGNED_OUT_PATHS,
  "/account",
  "/checkout",
  "/orders/:order",
  "/dashboard/evaluations/:evaluation",
];

/** Signs a new person up, pays once, and returns the signed-in pages with their IDs filled in. */
export async function signedInPaths(page: Page, label: string): Promise<string[]> {
  await register(page, { email: uniqueEmail(label) });
  await expect(page).toHaveURL(/\/account$/);
  await payWithCard(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/orders\/\w+$/);
  const order = new URL(page.url()).pathname.split("/").at(-1) as string;
  await page.goto("/dashboard");
  const evaluation = (await page
    .locator('a[href^="/dashboard/evaluations/"]')
    .first()
    .getAttribute("href")) as string;
  const evaluationId = evaluation.split("/").at(-1) as string;
  return SIGNED_IN_PATHS.map((path) =>
    path.replace(":order", order).replace(":evaluation", evaluationId),
  );
}
