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
    response.end(`<!doctype html><html><body>
      <div id="card"></div>
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

test("card element: mount, createPaymentMethod, invalid number error", async ({ context }) => {
  const page = await openShop(context);
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
  await page.locator('[data-stripe-emulator="cardnumber"]').fill("4242 4242 4242 4242");
  await page.locator('[data-stripe-emulator="exp-date"]').fill("12 / 34");
  await page.locator('[data-stripe-emulator="cvc"]').fill("123");
  await page.locator('[data-stripe-emulator="postal"]').fill("94107");
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

  await page.locator('[data-stripe-emulator="cardnumber"]').fill("4242 4242 4242 4241");
  const invalid = await createPm();
  expect(invalid.paymentMethod).toBeUndefined();
  expect(invalid.error).toMatchObject({ type: "validation_error", code: "invalid_number" });
});

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
  await page.getByTestId("stripe-emulator-3ds-complete").click();
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
  });
  const page = await openShop(context);
  const pending = page.evaluate(
    (clientSecret) =>
      (
        window as unknown as { stripe: { confirmCardPayment(s: string): Promise<unknown> } }
      ).stripe.confirmCardPayment(clientSecret),
    intent.client_secret ?? "",
  ) as Promise<BrowserResult>;
  await page.getByTestId("stripe-emulator-3ds-fail").click();
  const result = await pending;
  expect(result.error?.code).toBe("payment_intent_authentication_failure");
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe("requires_payment_method");
});
