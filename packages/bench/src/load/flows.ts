import { randomBytes, randomUUID } from "node:crypto";
import { emulatorApi, type RadarDevice } from "stripe-emulator";
import { quantityField } from "@/lib/checkout/quantity-fields";
import { mapConcurrently } from "@/lib/demo/map-concurrently";
import { actionInputs, multipartBody, setCookieValue } from "./action-form";
import type { FlowRequest, FlowResponse, FlowSpec, Verdict } from "./run-flow";

/** A simulated person: one browser (device, address, time zone) and one account. */
/** A simulated browser with every field the emulator scores set. */
export type Device = Required<RadarDevice>;

export type Account = {
  index: number;
  email: string;
  password: string;
  name: string;
  device: Device;
  /** The session cookie of this person's latest successful sign-in. */
  sessionCookie?: string;
  /** The Radar Session of the latest log-in page, kept for a log-in when no fresh one is ready. */
  lastLoginSession?: string;
};

export type RegistrationItem = { account: Account; radarSession: string | undefined };
export type LoginItem = { account: Account; radarSession: string };
export type CheckoutItem = { account: Account; checkoutId: string };

export type SessionCookieItem = { sessionCookie?: string };
export type OrderItem = { orderId?: string };

const TIME_ZONES = ["America/New_York", "Europe/Paris", "Asia/Tokyo", "America/Sao_Paulo"];
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) radar-load/1.0 (no JavaScript)";

/**
 * Person `index`: own device ID and address (10.77.x.y upwards). Each simulated person is one
 * browser on one network, so the per-IP and per-device limits and Radar's multi-accounting and
 * account-sharing signals see distinct, ordinary people.
 */
export function makeAccount(runId: string, index: number): Account {
  const ip = `10.${77 + Math.floor(index / 65_536)}.${(index >> 8) & 255}.${index & 255}`;
  return {
    index,
    email: `load-${runId}-${index}@example.com`,
    password: `Lt-${randomBytes(12).toString("base64url")}`,
    name: `Load Tester ${index}`,
    device: {
      deviceId: `load-${runId}-${index}`,
      timezone: TIME_ZONES[index % TIME_ZONES.length] ?? "UTC",
      userAgent: USER_AGENT,
      ip,
    },
  };
}

/**
 * Items prepared ahead of the requests that use them (each needs a Radar Session, created over
 * HTTP, while autocannon builds requests synchronously): a stock made before the run, topped
 * up in the background if it runs low.
 */
export class Supply<T> {
  private readonly stock: T[] = [];
  private running = false;
  private refilling: Promise<void> | undefined;
  private failure: unknown;
  /** Requests that found the stock empty. */
  shortfalls = 0;

  constructor(
    private readonly make: () => Promise<T>,
    private readonly low: number,
    private readonly concurrency: number,
  ) {}

  async fill(count: number): Promise<void> {
    const made = await mapConcurrently(Array.from({ length: count }), this.concurrency, () =>
      this.make(),
    );
    this.stock.push(...made);
  }

  take(): T | undefined {
    const item = this.stock.shift();
    if (!item) this.shortfalls++;
    return item;
  }

  startRefilling(): void {
    this.running = true;
    this.refilling = (async () => {
      while (this.running) {
        if (this.stock.length >= this.low) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        try {
          await this.fill(this.concurrency);
        } catch (error) {
          this.failure = error;
          this.running = false;
        }
      }
    })();
  }

  async stopRefilling(): Promise<void> {
    this.running = false;
    await this.refilling;
    if (this.failure) throw this.failure;
  }
}

function location(response: FlowResponse, base: string): string | undefined {
  const value = response.header("location");
  const text = Array.isArray(value) ? value[0] : value;
  return text ? new URL(text, base).pathname : undefined;
}

/** Why a form came back instead of a redirect, from the page it answered with. */
function failureReason(response: FlowResponse): string {
  const messages: [RegExp, string][] = [
    [/Too many attempts/, "throttled"],
    [/looks linked to other recent sign-ups/, "blocked (multi-accounting)"],
    [/too many devices or places/, "blocked (account sharing)"],
    [/Email or password is incorrect/, "wrong credentials"],
    [/device check was already used/, "foreign Radar Session"],
    [/already exists/, "email taken"],
    [/flagged as high risk/, "payment blocked"],
    [/could not reach the payment processor/, "processor unreachable"],
    [/Payments are unavailable/, "payments unavailable"],
  ];
  for (const [pattern, reason] of messages) if (pattern.test(response.body)) return reason;
  return `status ${response.status}${response.status === 200 ? " (form shown again)" : ""}`;
}

export type ActionForm = { inputs: [string, string][] };

/** GETs a page once (as the browser of `cookie`, if given) and reads its action form. */
export async function readActionForm(
  baseUrl: string,
  path: string,
  fieldName: string,
  cookie?: string,
): Promise<{ inputs: [string, string][]; html: string }> {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: cookie ? { Cookie: `session=${cookie}` } : {},
    redirect: "manual",
  });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  return { inputs: actionInputs(html, fieldName), html };
}

function formPost(
  baseUrl: string,
  path: string,
  account: Account,
  fields: [string, string][],
  cookie?: string,
): FlowRequest {
  const { contentType, body } = multipartBody(
    fields,
    `----radarload${randomBytes(8).toString("hex")}`,
  );
  return {
    method: "POST",
    path,
    headers: {
      "Content-Type": contentType,
      Origin: baseUrl,
      Accept: "text/html",
      "User-Agent": account.device.userAgent,
      // This script is the load balancer: it appends the address the request came from.
      "X-Forwarded-For": account.device.ip,
      ...(cookie ? { Cookie: `session=${cookie}` } : {}),
    },
    body,
  };
}

function signedIn(baseUrl: string, response: FlowResponse): Verdict & { cookie?: string } {
  const cookie = setCookieValue(response.header("set-cookie"), "session");
  if (response.status === 303 && location(response, baseUrl) === "/account" && cookie) {
    return { kind: "success", cookie };
  }
  return { kind: "failure", reason: failureReason(response) };
}

export function registrationFlow(
  baseUrl: string,
  form: ActionForm,
  supply: Supply<RegistrationItem>,
  fallback: () => Account,
  registered: Account[],
): FlowSpec<RegistrationItem & SessionCookieItem> {
  return {
    name: "registration",
    next() {
      const item = supply.take() ?? { account: fallback(), radarSession: undefined };
      const { account } = item;
      return {
        item,
        request: formPost(baseUrl, "/register", account, [
          ...form.inputs,
          ["name", account.name],
          ["email", account.email],
          ["phone", ""],
          ["password", account.password],
          ["radar_session", item.radarSession ?? ""],
        ]),
      };
    },
    classify(item, response) {
      const verdict = signedIn(baseUrl, response);
      if (verdict.kind === "success") {
        item.sessionCookie = verdict.cookie;
        item.account.sessionCookie = verdict.cookie;
        registered.push(item.account);
        return { kind: "success" };
      }
      return verdict;
    },
  };
}

/** A fresh log-in page's Radar Session for the next account in turn, on that person's device. */
export function loginSupply(
  emulatorUrl: string,
  accounts: Account[],
  refillBelow: number,
): Supply<LoginItem> {
  let turn = 0;
  return new Supply(
    async () => {
      const account = accounts[turn++ % accounts.length] as Account;
      return {
        account,
        radarSession: await emulatorApi(emulatorUrl).createRadarSession(account.device),
      };
    },
    refillBelow,
    8,
  );
}

export function loginFlow(
  baseUrl: string,
  form: ActionForm,
  supply: Supply<LoginItem>,
  accounts: Account[],
): FlowSpec<LoginItem & SessionCookieItem> {
  let turn = 0;
  return {
    name: "log-in",
    next() {
      let item = supply.take();
      if (item) item.account.lastLoginSession = item.radarSession;
      if (!item) {
        // No fresh page ready: the next person sends the log-in page it already had (its
        // Radar Session is claimed for this account and log-in, so it may be sent again).
        for (let i = 0; i < accounts.length && !item; i++) {
          const candidate = accounts[turn++ % accounts.length];
          if (candidate?.lastLoginSession) {
            item = { account: candidate, radarSession: candidate.lastLoginSession };
          }
        }
        if (!item) throw new Error("No Radar Session for a log-in");
      }
      const { account } = item;
      return {
        item,
        request: formPost(baseUrl, "/login", account, [
          ...form.inputs,
          ["email", account.email],
          ["password", account.password],
          ["radar_session", item.radarSession],
        ]),
      };
    },
    classify(item, response) {
      const verdict = signedIn(baseUrl, response);
      if (verdict.kind === "success") {
        item.sessionCookie = verdict.cookie;
        item.account.sessionCookie = verdict.cookie;
        return { kind: "success" };
      }
      return verdict;
    },
  };
}

export const CHECKOUT_PAYMENT_METHOD = "pm_card_visa";

export function checkoutFlow(
  baseUrl: string,
  form: ActionForm & { productIds: string[] },
  accounts: Account[],
): FlowSpec<CheckoutItem & OrderItem> {
  let turn = 0;
  return {
    name: "checkout",
    next() {
      const account = accounts[turn++ % accounts.length] as Account;
      const item: CheckoutItem & OrderItem = { account, checkoutId: randomUUID() };
      return {
        item,
        request: formPost(
          baseUrl,
          "/checkout",
          account,
          [
            ...form.inputs,
            ["checkout_id", item.checkoutId],
            ...form.productIds.map((id, i): [string, string] => [
              quantityField(id),
              i === account.index % form.productIds.length ? "1" : "0",
            ]),
            ["billing[name]", account.name],
            ["billing[email]", account.email],
            ["billing[phone]", ""],
            ["billing[address][line1]", `${account.index} Market Street`],
            ["billing[address][line2]", ""],
            ["billing[address][city]", "San Francisco"],
            ["billing[address][state]", "CA"],
            ["billing[address][postal_code]", "94105"],
            ["billing[address][country]", "US"],
            ["radar_session", ""],
            ["payment_method", CHECKOUT_PAYMENT_METHOD],
          ],
          account.sessionCookie,
        ),
      };
    },
    classify(item, response) {
      const path = location(response, baseUrl);
      const orderId = path?.match(/^\/orders\/([^/]+)$/)?.[1];
      if (response.status === 303 && orderId) {
        item.orderId = decodeURIComponent(orderId);
        return { kind: "success" };
      }
      return {
        kind: "failure",
        reason:
          response.status === 303 || response.status === 307
            ? `redirect to ${path}`
            : failureReason(response),
      };
    },
  };
}
