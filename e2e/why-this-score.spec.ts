import { expect, test } from "@playwright/test";
import { register, uniqueEmail } from "./support/app";

test("a blocked third sign-up shows the presenter why, beside the generic message", async ({
  page,
}) => {
  for (const label of ["why-one", "why-two"]) {
    await register(page, { email: uniqueEmail(label) });
    await expect(page).toHaveURL(/\/account$/);
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/login$/);
  }
  await register(page, { email: uniqueEmail("why-three") });

  await expect(page.getByTestId("form-message")).toContainText("couldn't create your account");
  await expect(page.getByTestId("form-message")).not.toContainText("device_reuse");
  const why = page.locator("details", { has: page.getByText("Why?") });
  await expect(why.getByTestId("why-this-score")).toBeHidden();
  await why.getByText("Why?").click();
  await expect(why).toContainText("multi_accounting: score");
  await expect(why).toContainText("highest");
  const reuse = why.getByTestId("score-factor").filter({ hasText: "device_reuse" });
  await expect(reuse).toContainText("2 other customer(s) registered from this device");
  await expect(reuse).toContainText(/\+\d+/);
});
