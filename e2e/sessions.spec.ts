import { expect, test } from "@playwright/test";
import { logIn, radarSessionReady, register, uniqueEmail } from "./support/app";

test("sign out everywhere ends the account's session in every browser", async ({ browser }) => {
  const email = uniqueEmail("everywhere");
  const laptop = await (await browser.newContext()).newPage();
  await register(laptop, { email });
  await expect(laptop).toHaveURL(/\/account$/);

  const phone = await (await browser.newContext()).newPage();
  await logIn(phone, email);
  await expect(phone).toHaveURL(/\/account$/);

  await laptop.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(laptop).toHaveURL(/\/login$/);
  await phone.goto("/account");
  await expect(phone).toHaveURL(/\/login$/);
});

test("a new sign-in replaces the browser's session: the old cookie stops working", async ({
  browser,
}) => {
  const email = uniqueEmail("rotate");
  const context = await browser.newContext();
  const page = await context.newPage();
  await register(page, { email });
  await expect(page).toHaveURL(/\/account$/);
  const before = (await context.cookies()).find((cookie) => cookie.name === "session");

  await logIn(page, email);
  await expect(page).toHaveURL(/\/account$/);
  const after = (await context.cookies()).find((cookie) => cookie.name === "session");
  expect(after?.value).toBeTruthy();
  expect(after?.value).not.toBe(before?.value);

  // Someone who copied the old cookie is not signed in.
  const copy = await browser.newContext();
  if (before) await copy.addCookies([before]);
  const copied = await copy.newPage();
  await copied.goto("/account");
  await expect(copied).toHaveURL(/\/login$/);
});

test("a mistyped email can be corrected: each answer brings a fresh Radar Session", async ({
  page,
}) => {
  const email = uniqueEmail("typo");
  await register(page, { email });
  await page.getByRole("button", { name: "Sign out", exact: true }).click();

  const first = await logIn(page, `x${email}`);
  await expect(page.getByTestId("form-message")).toHaveText("Email or password is incorrect.");
  const second = await radarSessionReady(page);
  expect(second).not.toBe(first);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/account$/);
});
