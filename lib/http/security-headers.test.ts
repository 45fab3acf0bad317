import { describe, expect, it } from "vitest";
import {
  createNonce,
  pageContentSecurityPolicy,
  servedOverHttps,
} from "@/lib/http/security-headers";

const directive = (policy: string, name: string) =>
  policy
    .split("; ")
    .find((entry) => entry.startsWith(`${name} `))
    ?.split(" ")
    .slice(1);

const emulator = { apiHost: { host: "127.0.0.1", port: 12111, protocol: "http" as const } };
const stripe = { apiHost: undefined };

describe("pageContentSecurityPolicy", () => {
  it("allows the emulator's origin and no frame in emulator mode", () => {
    const policy = pageContentSecurityPolicy({
      nonce: "abc",
      stripe: emulator,
      development: false,
      https: false,
    });
    expect(directive(policy, "script-src")).toEqual([
      "'self'",
      "'nonce-abc'",
      "'strict-dynamic'",
      "http://127.0.0.1:12111",
    ]);
    expect(directive(policy, "style-src")).toEqual(["'self'", "'nonce-abc'"]);
    expect(directive(policy, "connect-src")).toEqual(["'self'", "http://127.0.0.1:12111"]);
    expect(directive(policy, "frame-src")).toEqual(["'none'"]);
    expect(directive(policy, "frame-ancestors")).toEqual(["'none'"]);
    expect(policy).not.toContain("upgrade-insecure-requests");
  });

  it("allows Stripe.js, its frames, 3-D Secure and api.stripe.com in Stripe mode", () => {
    const policy = pageContentSecurityPolicy({
      nonce: "abc",
      stripe,
      development: false,
      https: true,
    });
    expect(directive(policy, "script-src")).toEqual(
      expect.arrayContaining(["https://js.stripe.com", "https://*.js.stripe.com"]),
    );
    expect(directive(policy, "frame-src")).toEqual([
      "https://js.stripe.com",
      "https://*.js.stripe.com",
      "https://hooks.stripe.com",
    ]);
    expect(directive(policy, "connect-src")).toEqual(["'self'", "https://api.stripe.com"]);
    expect(policy).not.toContain("127.0.0.1");
    expect(policy.endsWith("; upgrade-insecure-requests")).toBe(true);
  });

  it("lets the development server evaluate code and inline styles", () => {
    const policy = pageContentSecurityPolicy({
      nonce: "abc",
      stripe,
      development: true,
      https: false,
    });
    expect(directive(policy, "script-src")).toContain("'unsafe-eval'");
    expect(directive(policy, "style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe("servedOverHttps", () => {
  const request = { appUrl: undefined, production: true, forwardedProto: null };

  it("is true for an https APP_URL, whatever the request", () => {
    expect(
      servedOverHttps({
        ...request,
        appUrl: "https://shop.example.com",
        production: false,
        requestProtocol: "http:",
      }),
    ).toBe(true);
  });

  it("follows the request, or its proxy's X-Forwarded-Proto, in production only", () => {
    expect(servedOverHttps({ ...request, requestProtocol: "https:" })).toBe(true);
    expect(servedOverHttps({ ...request, requestProtocol: "http:" })).toBe(false);
    expect(
      servedOverHttps({ ...request, requestProtocol: "http:", forwardedProto: "https, http" }),
    ).toBe(true);
    expect(servedOverHttps({ ...request, production: false, requestProtocol: "https:" })).toBe(
      false,
    );
  });
});

it("creates a different 128-bit nonce each time", () => {
  const nonce = createNonce();
  expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  expect(createNonce()).not.toBe(nonce);
});
