import { describe, expect, it } from "vitest";
import { isAllowedHost } from "@/lib/http/host-allowlist";

const local = { appUrl: undefined, appHost: undefined };
const deployed = { appUrl: "https://shop.example.com", appHost: undefined };

describe("isAllowedHost", () => {
  it("refuses a rebound name: another site's domain resolved to this server", () => {
    for (const host of ["attacker.example:3000", "attacker.example", "127.0.0.1.nip.io:3000"]) {
      expect(isAllowedHost(host, local)).toBe(false);
      expect(isAllowedHost(host, deployed)).toBe(false);
    }
  });

  it("refuses a missing or malformed Host", () => {
    expect(isAllowedHost(null, local)).toBe(false);
    expect(isAllowedHost("", local)).toBe(false);
    expect(isAllowedHost("exa mple.com", local)).toBe(false);
    expect(isAllowedHost("a/b", local)).toBe(false);
  });

  it("answers the server's addresses and localhost, on any port", () => {
    for (const host of [
      "127.0.0.1:3000",
      "localhost:3000",
      "LOCALHOST",
      "[::1]:3000",
      "192.168.1.20:3000",
    ]) {
      expect(isAllowedHost(host, local)).toBe(true);
    }
  });

  it("answers the public name in APP_URL and the name in APP_HOST", () => {
    expect(isAllowedHost("shop.example.com", deployed)).toBe(true);
    expect(isAllowedHost("Shop.Example.com:443", deployed)).toBe(true);
    expect(isAllowedHost("demo.lan:3000", { appUrl: undefined, appHost: "demo.lan" })).toBe(true);
    expect(isAllowedHost("www.shop.example.com", deployed)).toBe(false);
  });
});
