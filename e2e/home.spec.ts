import { expect, test } from "@playwright/test";

test("the home page says what the project is and links to every flow", async ({ page }) => {
  await page.goto("/");
  await expect(
    page.getByRole("heading", { name: "Stripe Radar for sign-up, login and checkout" }),
  ).toBeVisible();
  await expect(page.getByTestId("stripe-mode")).toHaveText("Stripe emulator");

  const flows = page.getByRole("region", { name: "Flows" });
  const links = [
    ["Registration", "/register"],
    ["Login", "/login"],
    ["Checkout", "/checkout"],
  ] as const;
  for (const [name, href] of links) {
    await expect(flows.getByRole("link", { name: new RegExp(name) })).toHaveAttribute("href", href);
  }
});

test("the health endpoint reports the embedded database and the emulator", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.ok()).toBe(true);
  expect(await response.json()).toEqual({ ok: true, database: "embedded", stripe: "emulator" });
});
