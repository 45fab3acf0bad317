import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { expect, type Page, test } from "@playwright/test";
import { fillCard, logIn, PASSWORD, radarSessionReady, register, uniqueEmail } from "./support/app";

const EMULATOR_ORIGIN = `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? 12112}`;

/** Every Content-Security-Policy violation the page reports, as an event or in the console. */
async function recordCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (violation: string) => {
    violations.push(violation);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void })
        .reportCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI} (${event.sourceFile})`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("sign-up, log-in and a 3-D Secure checkout run without a CSP violation", async ({ page }) => {
  const violations = await recordCspViolations(page);
  const email = uniqueEmail("csp");

  await register(page, { email });
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);

  await page.goto("/checkout");
  await page.getByLabel("Address", { exact: true }).fill("510 Townsend St");
  await page.getByLabel("City", { exact: true }).fill("San Francisco");
  await page.getByLabel("Postal code", { exact: true }).fill("94103");
  await radarSessionReady(page);
  await fillCard(page, "4000 0025 0000 3155");
  await page.getByRole("button", { name: /^Pay / }).click();
  await page.getByTestId("stripe-emulator-3ds-complete").click();
  await expect(page).toHaveURL(/\/orders\/\w+$/);
  await expect(page.getByTestId("order-status")).toHaveText("paid");

  expect(violations).toEqual([]);
});

test("pages carry a nonce-based CSP that allows the emulator, and the other headers", async ({
  request,
}) => {
  const first = await request.get("/register");
  const second = await request.get("/register");
  const policy = first.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(second.headers()["content-security-policy"]).not.toContain(nonce);
  expect(await first.text()).toContain(`nonce="${nonce}"`);

  const directives = new Map(
    policy.split(";").map((directive) => {
      const [name = "", ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
  expect(directives.get("script-src")).toEqual(
    expect.arrayContaining([`'nonce-${nonce}'`, "'strict-dynamic'", EMULATOR_ORIGIN]),
  );
  expect(directives.get("script-src")).not.toContain("'unsafe-inline'");
  expect(directives.get("connect-src")).toEqual(["'self'", EMULATOR_ORIGIN]);
  expect(directives.get("frame-src")).toEqual(["'none'"]);
  expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  expect(directives.get("object-src")).toEqual(["'none'"]);
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // Served over plain HTTP: no HSTS, which a browser would ignore anyway.
  expect(first.headers()["strict-transport-security"]).toBeUndefined();
});

test("API routes, webhooks and static files carry the security headers", async ({ request }) => {
  const health = await request.get("/api/health");
  const webhook = await request.post("/api/webhooks/stripe", { data: "{}" });
  for (const response of [health, webhook]) {
    expect(response.headers()["content-security-policy"]).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  }
  expect(webhook.status()).toBe(400);

  const page = await (await request.get("/")).text();
  const script = /<script src="([^"]+\.js)"/.exec(page)?.[1];
  expect(script).toBeTruthy();
  const asset = await request.get(script as string);
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
});

test("webhook answers are sent as they are while pages are gzipped", async ({ request }) => {
  const gzip = { "accept-encoding": "gzip" };
  const page = await request.get("/register", { headers: gzip });
  expect(page.headers()["content-encoding"]).toBe("gzip");
  const webhook = await request.post("/api/webhooks/stripe", { data: "{}", headers: gzip });
  expect(webhook.status()).toBe(400);
  expect(webhook.headers()["content-encoding"]).toBeUndefined();
  expect((await webhook.json()).error).toBe("Missing Stripe-Signature header");
});

test("behind a TLS proxy in production, pages send HSTS", async ({ request }) => {
  const response = await request.get("/", { headers: { "x-forwarded-proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toBe(
    "max-age=63072000; includeSubDomains",
  );
  expect(response.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("an oversized registration field gets a clear message, not an error page", async ({
  page,
}) => {
  await page.goto("/register");
  // Typed by hand this would take minutes; the field keeps whatever value it is given.
  await page.getByLabel("Name").evaluate((input: HTMLInputElement, name) => {
    input.value = name;
  }, "x".repeat(1_100_000));
  await page.getByLabel("Email").fill(uniqueEmail("oversized"));
  await page.getByLabel("Password").fill(PASSWORD);
  await radarSessionReady(page);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByTestId("form-message")).toHaveText(
    "This form is too large to send (over 1 MB). Shorten what you entered and try again.",
  );
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.getByLabel("Email")).toBeVisible();
});

test("with the emulator, the app does not listen on the machine's network addresses", async ({
  baseURL,
}) => {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && !address.internal && address.family === "IPv4");
  test.skip(!external, "this machine has no non-loopback IPv4 address");
  const port = Number(new URL(baseURL as string).port);
  const outcome = await new Promise<string>((resolve) => {
    const socket = connect({ host: external?.address, port, timeout: 2_000 });
    socket.on("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.on("timeout", () => {
      socket.destroy();
      resolve("timeout");
    });
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
  });
  expect(outcome).toBe("ECONNREFUSED");
});

const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const APP_HOST = `127.0.0.1:${APP_PORT}`;

/** A raw request, with any Host, path or body: what a browser, a page or a script can send. */
function rawRequest({
  host = APP_HOST,
  method = "GET",
  path,
  headers = {},
  body,
}: {
  host?: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: "127.0.0.1", port: APP_PORT, method, path, headers: { host, ...headers } },
      (response) => {
        let text = "";
        response.on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const ACTION_POST = {
  method: "POST",
  path: "/login",
  headers: { "content-type": "application/x-www-form-urlencoded", "next-action": "0".repeat(42) },
  body: "email=a%40b.co&password=x",
};

test("a request under another site's name (DNS rebinding) is refused, page or action", async () => {
  const rebound = `attacker.example:${APP_PORT}`;
  for (const request of [{ path: "/dashboard" }, { path: "/login" }, ACTION_POST]) {
    const answer = await rawRequest({ ...request, host: rebound });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain("set APP_URL");
  }
  expect((await rawRequest({ host: `localhost:${APP_PORT}`, path: "/login" })).status).toBe(200);
});

test("malformed or foreign requests get a clear 4xx with the security headers, not a 500", async () => {
  const malformed = await rawRequest({ path: "/orders/%" });
  expect(malformed.status).toBe(400);
  expect(malformed.headers["x-content-type-options"]).toBe("nosniff");
  expect(malformed.headers["content-security-policy"]).toBeTruthy();

  const foreign = await rawRequest({
    ...ACTION_POST,
    headers: { ...ACTION_POST.headers, origin: "http://evil.example" },
  });
  expect(foreign.status).toBe(403);
  expect(foreign.body).toContain("Open the page on this site");

  // A form sent without JavaScript, over the Server Action limit.
  const oversized = await rawRequest({
    method: "POST",
    path: "/register",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: `http://${APP_HOST}` },
    body: `name=${"x".repeat(1_100_000)}`,
  });
  expect(oversized.status).toBe(413);
  expect(oversized.body).toContain("shorten");
});
