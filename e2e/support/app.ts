import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import {
  EMULATOR_KEYS,
  type EmulatorApi,
  emulatorApi,
  readOrCreateLocalSecrets,
} from "stripe-emulator";
import type { RadarProjectMetadata } from "../../playwright.config";

/**
 * The server the running project tests (see playwright.config.ts): the Radar API generation it
 * calls, and where its emulator and data are.
 */
export function radarProject(): RadarProjectMetadata {
  return test.info().project.metadata as RadarProjectMetadata;
}

const emulators = new Map<number, EmulatorApi>();

function projectEmulator(): EmulatorApi {
  const { emulatorPort, dataDirectory } = radarProject();
  let api = emulators.get(emulatorPort);
  if (!api) {
    api = emulatorApi(
      `http://127.0.0.1:${emulatorPort}`,
      readOrCreateLocalSecrets(resolve(dataDirectory, "emulator")).controlToken,
    );
    emulators.set(emulatorPort, api);
  }
  return api;
}

/**
 * The emulator of the running project's server, with the control token from its data dir
 * (`<DATA_DIR>/emulator/local-secrets.json`). Looked up at each call: a spec runs against both
 * servers.
 */
export const emulator = new Proxy({} as EmulatorApi, {
  get: (_target, key) => Reflect.get(projectEmulator(), key),
});

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

/** Where the project's generation creates its evaluations (a prefix of their reads too). */
export function evaluationsPath(): string {
  return radarProject().radarApi === "v2"
    ? "/v2/signals/account_evaluations"
    : "/v1/radar/customer_evaluations";
}

/** The signal the project's generation scores a flow on. */
export function signalName(event: "registration" | "login"): string {
  const name = event === "registration" ? "multi_accounting" : "account_sharing";
  return radarProject().radarApi === "v2" ? `user_${name}` : name;
}

type LoggedRequest = {
  method: string;
  path: string;
  status: number;
  body: unknown;
  response: { id?: string };
};

/** The ID of the evaluation Stripe created with this Radar Session, once it has. */
export async function evaluationIdFor(radarSession: string): Promise<string | undefined> {
  const path = evaluationsPath();
  const { data } = await emulator.requests(path);
  return (data as LoggedRequest[]).find(
    (entry) =>
      entry.method === "POST" &&
      entry.path === path &&
      JSON.stringify(entry.body).includes(radarSession),
  )?.response.id;
}

/** A GET with the secret key and a preview version, as the app reads Radar's objects. */
async function stripeGet(path: string, version: string) {
  const { emulatorPort } = radarProject();
  const response = await fetch(`http://127.0.0.1:${emulatorPort}${path}`, {
    headers: { authorization: `Bearer ${EMULATOR_KEYS.secretKey}`, "stripe-version": version },
  });
  return response.json();
}

/**
 * An evaluation as Stripe has it, in either generation's words: its customer, the flow's risk
 * level, and the outcome reported on it (`status`: allowed, restricted or blocked; null until the
 * app has reported it).
 */
export async function stripeEvaluation(id: string, event: "registration" | "login") {
  if (radarProject().radarApi === "v1") {
    const evaluation = await stripeGet(
      `/v1/radar/customer_evaluations/${id}`,
      "2026-08-12.preview",
    );
    return {
      customer: evaluation.customer as string | null,
      riskLevel: evaluation.signals?.[signalName(event)]?.risk_level as string | undefined,
      reported: (evaluation.status ?? null) as string | null,
    };
  }
  const evaluation = await stripeGet(`/v2/signals/account_evaluations/${id}`, "2026-08-26.preview");
  const { data } = await emulator.requests("/v2/signals/account_activity");
  const activity = (data as LoggedRequest[])
    .map((entry) => (entry.status === 200 ? (entry.body as Record<string, unknown>) : null))
    .find((body) => body?.account_evaluation === id);
  const decision = activity?.[String(activity.type)] as { status?: string } | undefined;
  return {
    customer: evaluation.account_details?.customer as string | null,
    riskLevel: evaluation.evaluated_signals?.[signalName(event)]?.risk_level as string | undefined,
    reported: decision?.status ?? null,
  };
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
