import { expect, type Page, test } from "@playwright/test";
import { emulator, fillCard, radarSessionReady, register, uniqueEmail } from "./support/app";

async function startCheckout(page: Page) {
  await register(page, { email: uniqueEmail("buyer") });
  await expect(page).toHaveURL(/\/account$/);
  const customerId = await page.getByTestId("stripe-customer-id").innerText();
  await page.goto("/checkout");
  await page.getByLabel("Address", { exact: true }).fill("510 Townsend St");
  await page.getByLabel("City", { exact: true }).fill("San Francisco");
  await page.getByLabel("Postal code", { exact: true }).fill("94103");
  await radarSessionReady(page);
  return customerId;
}

const pay = (page: Page) => page.getByRole("button", { name: /^Pay / }).click();

async function paymentIntentsOf(customerId: string) {
  const { data } = await emulator.retrieve(`/v1/payment_intents?customer=${customerId}`);
  return data as { id: string; customer: string; amount: number; status: string }[];
}

test("4242 pays on the customer Radar evaluated, and the webhook confirms it", async ({ page }) => {
  const customerId = await startCheckout(page);
  await fillCard(page, "4242 4242 4242 4242");
  await pay(page);

  await expect(page).toHaveURL(/\/orders\/\w+$/);
  await expect(page.getByTestId("order-status")).toHaveText("paid");
  await expect(page.getByTestId("recommended-action")).toHaveText("continue");
  const paymentIntentId = await page.getByTestId("payment-intent-id").innerText();

  const intent = await emulator.retrieve(`/v1/payment_intents/${paymentIntentId}`);
  expect(intent.customer).toBe(customerId);
  expect(intent.amount).toBe(1200);
  expect(intent.status).toBe("succeeded");
  type Logged = {
    body: { metadata?: { order_id?: string }; customer_details?: { customer?: string } };
  };
  const { data } = await emulator.requests("/v1/radar/payment_evaluations");
  const evaluation = (data as Logged[]).find(
    (entry) => entry.body.metadata?.order_id === intent.metadata.order_id,
  );
  expect(evaluation?.body.customer_details?.customer).toBe(customerId);

  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("webhook-status")).toContainText(
      "Confirmed by payment_intent.succeeded",
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 20_000 });
});

test("4000 0000 0000 4954 is blocked before any PaymentIntent exists", async ({ page }) => {
  const customerId = await startCheckout(page);
  await fillCard(page, "4000 0000 0000 4954");
  await pay(page);

  await expect(page.getByTestId("form-message")).toContainText("flagged as high risk");
  expect(await paymentIntentsOf(customerId)).toEqual([]);
  await page.goto("/account");
  await expect(page.getByTestId("order")).toContainText("blocked");
  await expect(page.getByTestId("order")).toContainText("Radar: block (highest)");
});

test("a declined card can be retried with 4242 on the same order", async ({ page }) => {
  const customerId = await startCheckout(page);
  await fillCard(page, "4000 0000 0000 0002");
  await pay(page);
  await expect(page.getByTestId("card-error")).toContainText("Your card was declined.");

  await fillCard(page, "4242 4242 4242 4242");
  await pay(page);
  await expect(page).toHaveURL(/\/orders\/\w+$/);
  await expect(page.getByTestId("order-status")).toHaveText("paid");

  const intents = await paymentIntentsOf(customerId);
  expect(intents).toHaveLength(1);
  expect(intents[0]?.status).toBe("succeeded");
});

test("3D Secure is completed in the browser", async ({ page }) => {
  await startCheckout(page);
  await fillCard(page, "4000 0025 0000 3155");
  await pay(page);
  await page.getByTestId("stripe-emulator-3ds-complete").click();
  await expect(page).toHaveURL(/\/orders\/\w+$/);
  await expect(page.getByTestId("order-status")).toHaveText("paid");
});

test("an incomplete card and no products are refused before anything is charged", async ({
  page,
}) => {
  const customerId = await startCheckout(page);
  await page.getByTestId("card-element").getByLabel("Card number").fill("4242");
  await pay(page);
  await expect(page.getByTestId("card-error")).toContainText("incomplete");

  await fillCard(page, "4242 4242 4242 4242");
  await page.getByLabel("Quantity of Field notes, pack of three").fill("0");
  await pay(page);
  await expect(page.getByText("Choose at least one product.")).toBeVisible();
  expect(await paymentIntentsOf(customerId)).toEqual([]);
});

test("a signed-out visitor is sent to log in before checkout", async ({ page }) => {
  await page.goto("/checkout");
  await expect(page).toHaveURL(/\/login$/);
});

for (const [label, viewport] of [
  ["a desktop", { width: 1280, height: 800 }],
  ["a phone", { width: 390, height: 844 }],
] as const) {
  test(`the card field shows the whole number on ${label}`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    await startCheckout(page);
    await fillCard(page, "4242 4242 4242 4242");
    const number = page.getByTestId("card-element").getByLabel("Card number");
    await expect(number).toHaveValue("4242 4242 4242 4242");
    expect(
      await number.evaluate(
        (input) => input.scrollWidth <= (input as HTMLInputElement).clientWidth,
      ),
    ).toBe(true);
    const box = await page.getByTestId("card-element").boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= viewport.width).toBe(true);
    await page
      .getByTestId("card-element")
      .screenshot({ path: testInfo.outputPath(`checkout-card-${viewport.width}.png`) });
  });
}
