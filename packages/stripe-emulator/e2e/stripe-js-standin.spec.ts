import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import Stripe from "stripe";
import { type StartedEmulator, startEmulator } from "../src/index.ts";

let emulator: StartedEmulator;
/**
 * The shop: a tiny page on its own origin (as the app is on localhost:3000). It is a real local
 * server rather than a routed fake host because Chromium's Local Network Access checks block a
 * page of unknown address space from loading scripts from 127.0.0.1.
 */
let shop: Server;
let shopUrl: string;

test.beforeAll(async () => {
  emulator = await startEmulator();
  shop = createServer((_, response) => {
    response.setHeader("Content-Type", "text/html");
    response.end(`<!doctype html><html><head>
      <meta name="viewport" content="width=device-width, initial-scale=1"></head>
      <body style="margin:0"><main style="max-width:28rem;margin:2rem auto;padding:0 16px">
      <button id="before">Before</button>
      <div id="card"></div>
      <button id="pay">Pay</button></main>
      <script src="${emulator.url}/v3/"></script>
      <script>window.stripe = Stripe("pk_test_emulator");</script>
    </body></html>`);
  });
  await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
  shopUrl = `http://localhost:${(shop.address() as AddressInfo).port}/checkout`;
});

test.afterAll(async () => {
  await emulator?.stop();
  await new Promise<void>((resolve) => (shop ? shop.close(() => resolve()) : resolve()));
});

async function openShop(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(shopUrl);
  await page.waitForFunction(() => "stripe" in window);
  return page;
}

const controlHeaders = () => ({ Authorization: `Bearer ${emulator.controlToken}` });

async function deviceIdOfLastSession(): Promise<string> {
  const log = (await fetch(`${emulator.url}/_emulator/requests?path=/v1/radar/session&limit=1`, {
    headers: controlHeaders(),
  }).then((r) => r.json())) as { data: Array<{ body: { device_id?: string } }> };
  return String(log.data[0]?.body.device_id);
}

interface BrowserResult {
  radarSession?: { id: string };
  paymentMethod?: { id: string; card: { last4: string } };
  paymentIntent?: { id: string; status: string };
  error?: { type: string; code?: string; message: string };
}

test("Stripe.version matches what @stripe/stripe-js 10.2.1 expects", async ({ context }) => {
  const page = await openShop(context);
  expect(
    await page.evaluate(
      () => (window as unknown as { Stripe: { version: string } }).Stripe.version,
    ),
  ).toBe("endive");
});

test("createRadarSession keeps one device ID per browser profile", async ({ browser }) => {
  const first = await browser.newContext({ timezoneId: "Europe/Paris" });
  const page = await openShop(first);
  const create = () =>
    page.evaluate(() =>
      (
        window as unknown as { stripe: { createRadarSession(): Promise<unknown> } }
      ).stripe.createRadarSession(),
    ) as Promise<BrowserResult>;
  const one = await create();
  expect(one.radarSession?.id).toMatch(/^rse_/);
  const deviceOne = await deviceIdOfLastSession();
  const two = await create();
  expect(two.radarSession?.id).not.toBe(one.radarSession?.id);
  expect(await deviceIdOfLastSession()).toBe(deviceOne);

  const log = (await fetch(`${emulator.url}/_emulator/requests?path=/v1/radar/session&limit=1`, {
    headers: controlHeaders(),
  }).then((r) => r.json())) as {
    data: Array<{ body: { timezone?: string; screen?: { width?: string } } }>;
  };
  expect(log.data[0]?.body.timezone).toBe("Europe/Paris");
  expect(Number(log.data[0]?.body.screen?.width)).toBeGreaterThan(0);

  const second = await browser.newContext();
  const other = await openShop(second);
  const three = (await other.evaluate(() =>
    (
      window as unknown as { stripe: { createRadarSession(): Promise<unknown> } }
    ).stripe.createRadarSession(),
  )) as BrowserResult;
  expect(three.radarSession?.id).toMatch(/^rse_/);
  expect(await deviceIdOfLastSession()).not.toBe(deviceOne);
  await first.close();
  await second.close();
});

/** Mounts a card Element in #card and waits for its ready event. */
async function mountCard(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      stripe: {
        elements(): {
          create(type: string): { mount(s: string): void; on(e: string, f: () => void): void };
        };
      };
      card: unknown;
      ready: boolean;
    };
    const card = w.stripe.elements().create("card");
    card.on("ready", () => {
      w.ready = true;
    });
    card.mount("#card");
    w.card = card;
  });
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
}

const NUMBER = "Card number";
const EXPIRY = "Expiration date (MM / YY)";
const CVC = "Security code";
const ZIP = "ZIP";

async function fillCard(page: Page, number: string): Promise<void> {
  await page.getByRole("textbox", { name: NUMBER }).fill(number);
  await page.getByRole("textbox", { name: EXPIRY }).fill("12 / 34");
  await page.getByRole("textbox", { name: CVC }).fill("123");
  await page.getByRole("textbox", { name: ZIP }).fill("94107");
}

test("card element: mount, createPaymentMethod, invalid number error", async ({ context }) => {
  const page = await openShop(context);
  await mountCard(page);
  await fillCard(page, "4242 4242 4242 4242");
  const createPm = () =>
    page.evaluate(() => {
      const w = window as unknown as {
        stripe: { createPaymentMethod(args: unknown): Promise<unknown> };
        card: unknown;
      };
      return w.stripe.createPaymentMethod({
        type: "card",
        card: w.card,
        billing_details: { name: "Jenny Rosen" },
      });
    }) as Promise<BrowserResult>;
  const created = await createPm();
  expect(created.error).toBeUndefined();
  expect(created.paymentMethod?.id).toMatch(/^pm_/);
  expect(created.paymentMethod?.card.last4).toBe("4242");

  const stripe = new Stripe("sk_test_emulator", {
    host: "127.0.0.1",
    port: emulator.port,
    protocol: "http",
  });
  const stored = await stripe.paymentMethods.retrieve(created.paymentMethod?.id ?? "");
  expect(stored.billing_details.name).toBe("Jenny Rosen");
  expect(stored.billing_details.address?.postal_code).toBe("94107");

  await page.getByRole("textbox", { name: NUMBER }).fill("4242 4242 4242 4241");
  await expect(page.getByRole("textbox", { name: NUMBER })).toHaveAttribute("aria-invalid", "true");
  const invalid = await createPm();
  expect(invalid.paymentMethod).toBeUndefined();
  expect(invalid.error).toMatchObject({ type: "validation_error", code: "invalid_number" });
});

test("card element: named inputs in Stripe's order, formatted, with the brand shown as typed", async ({
  context,
}) => {
  const page = await openShop(context);
  await mountCard(page);
  const number = page.getByRole("textbox", { name: NUMBER });
  const brand = page.locator("#card [data-brand]");
  await expect(brand).toHaveAccessibleName("Card");
  await number.pressSequentially("4242424242424242");
  await expect(number).toHaveValue("4242 4242 4242 4242");
  await expect(page.getByRole("img", { name: "Visa" })).toBeVisible();
  // A complete, valid number moves on to the expiry, as Stripe's card Element does.
  await expect(page.getByRole("textbox", { name: EXPIRY })).toBeFocused();
  await page.keyboard.type("1234");
  await expect(page.getByRole("textbox", { name: EXPIRY })).toHaveValue("12 / 34");
  await expect(page.getByRole("textbox", { name: CVC })).toBeFocused();

  for (const [digits, shown, name] of [
    ["5555555555554444", "5555 5555 5555 4444", "Mastercard"],
    ["378282246310005", "3782 822463 10005", "American Express"],
    ["6011111111111117", "6011 1111 1111 1117", "Discover"],
  ] as const) {
    await number.fill(digits);
    await expect(number).toHaveValue(shown);
    await expect(page.getByRole("img", { name })).toBeVisible();
  }

  // Tab order: the page's control before, then number, expiry, CVC, ZIP, then the page again.
  await page.locator("#before").focus();
  const order: string[] = [];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    order.push(
      await page.evaluate(
        () =>
          document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.id ?? "",
      ),
    );
  }
  expect(order).toEqual([NUMBER, EXPIRY, CVC, ZIP, "pay"]);
});

for (const [label, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test(`card element: the whole number is visible on ${label}`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ viewport });
    const page = await openShop(context);
    await mountCard(page);
    await fillCard(page, "4242 4242 4242 4242");
    const number = page.getByRole("textbox", { name: NUMBER });
    await expect(number).toHaveValue("4242 4242 4242 4242");
    // The text fits its input: nothing is scrolled out of view.
    const fits = await number.evaluate((input) => {
      const field = input as HTMLInputElement;
      return field.scrollWidth <= field.clientWidth;
    });
    expect(fits).toBe(true);
    const box = await page.locator("#card").boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= viewport.width).toBe(true);
    const rows = await page.evaluate(() =>
      ["Card number", "Expiration date (MM / YY)", "Security code", "ZIP"].map((name) =>
        Math.round(
          document.querySelector(`[aria-label="${name}"]`)?.getBoundingClientRect().top ?? -1,
        ),
      ),
    );
    // One row on a desktop; on a phone the short fields wrap together below the number.
    if (label === "desktop") expect(new Set(rows).size).toBe(1);
    else expect(new Set(rows.slice(1)).size).toBe(1);
    await page.locator("#card").screenshot({ path: testInfo.outputPath(`card-${label}.png`) });
    await context.close();
  });
}

test("handleNextAction completes a 3D Secure challenge", async ({ context }) => {
  const stripe = new Stripe("sk_test_emulator", {
    host: "127.0.0.1",
    port: emulator.port,
    protocol: "http",
  });
  const intent = await stripe.paymentIntents.create({
    amount: 2500,
    currency: "usd",
    payment_method: "pm_card_threeDSecureRequired",
    automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    confirm: true,
  });
  expect(intent.status).toBe("requires_action");
  const page = await openShop(context);
  const pending = page.evaluate(
    (clientSecret) =>
      (
        window as unknown as { stripe: { handleNextAction(args: unknown): Promise<unknown> } }
      ).stripe.handleNextAction({ clientSecret }),
    intent.client_secret ?? "",
  ) as Promise<BrowserResult>;
  await page.getByRole("button", { name: "Complete authentication" }).click();
  const result = await pending;
  expect(result.error).toBeUndefined();
  expect(result.paymentIntent?.status).toBe("succeeded");
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe("succeeded");

  const retrieved = (await page.evaluate(
    (clientSecret) =>
      (
        window as unknown as { stripe: { retrievePaymentIntent(s: string): Promise<unknown> } }
      ).stripe.retrievePaymentIntent(clientSecret),
    intent.client_secret ?? "",
  )) as BrowserResult;
  expect(retrieved.paymentIntent?.id).toBe(intent.id);
});

test("confirmCardPayment with a failed challenge returns the authentication error", async ({
  context,
}) => {
  const stripe = new Stripe("sk_test_emulator", {
    host: "127.0.0.1",
    port: emulator.port,
    protocol: "http",
  });
  const intent = await stripe.paymentIntents.create({
    amount: 900,
    currency: "usd",
    payment_method: "pm_card_threeDSecureRequired",
    automatic_payment_methods: { enabled: true, allow_redirects: "never" },
  });
  const page = await openShop(context);
  const pending = page.evaluate(
    (clientSecret) =>
      (
        window as unknown as { stripe: { confirmCardPayment(s: string): Promise<unknown> } }
      ).stripe.confirmCardPayment(clientSecret),
    intent.client_secret ?? "",
  ) as Promise<BrowserResult>;
  await page.getByRole("button", { name: "Fail authentication" }).click();
  const result = await pending;
  expect(result.error?.code).toBe("payment_intent_authentication_failure");
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe("requires_payment_method");
});

test("the 3D Secure dialog keeps focus inside it, and Escape fails the authentication", async ({
  context,
}, testInfo) => {
  const stripe = new Stripe("sk_test_emulator", {
    host: "127.0.0.1",
    port: emulator.port,
    protocol: "http",
  });
  const intent = await stripe.paymentIntents.create({
    amount: 4200,
    currency: "usd",
    payment_method: "pm_card_threeDSecureRequired",
    automatic_payment_methods: { enabled: true, allow_redirects: "never" },
    confirm: true,
  });
  const page = await openShop(context);
  await page.locator("#pay").focus();
  const pending = page.evaluate(
    (clientSecret) =>
      (
        window as unknown as { stripe: { handleNextAction(args: unknown): Promise<unknown> } }
      ).stripe.handleNextAction({ clientSecret }),
    intent.client_secret ?? "",
  ) as Promise<BrowserResult>;
  const dialog = page.getByRole("dialog", { name: "3D Secure 2 Test Page" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute("aria-modal", "true");
  const complete = dialog.getByRole("button", { name: "Complete authentication" });
  await expect(complete).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath("three-d-secure.png") });

  const focused: string[] = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    focused.push(await page.evaluate(() => document.activeElement?.textContent ?? ""));
  }
  expect(focused).toEqual([
    "Fail authentication",
    "×",
    "Complete authentication",
    "Fail authentication",
  ]);
  await page.keyboard.press("Shift+Tab");
  await expect(complete).toBeFocused();

  await page.keyboard.press("Escape");
  const result = await pending;
  await expect(dialog).toBeHidden();
  expect(result.error?.code).toBe("payment_intent_authentication_failure");
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe("requires_payment_method");
  // Focus goes back to where it was before the dialog opened.
  await expect(page.locator("#pay")).toBeFocused();
});
