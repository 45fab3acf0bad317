import { describe, expect, it } from "vitest";
import { secureCookies } from "@/lib/http/security-headers";

const development = { appUrl: undefined, production: false, forwardedProto: null };

describe("secureCookies", () => {
  it("is off for a development server on plain HTTP", () => {
    expect(secureCookies(development)).toBe(false);
    expect(secureCookies({ ...development, appUrl: "http://localhost:3000" })).toBe(false);
    expect(secureCookies({ ...development, forwardedProto: "http" })).toBe(false);
  });

  it("is on when the public URL is https, whatever the request says", () => {
    expect(secureCookies({ ...development, appUrl: "https://shop.example.com" })).toBe(true);
    expect(
      secureCookies({ ...development, appUrl: "https://shop.example.com", forwardedProto: "http" }),
    ).toBe(true);
  });

  it("is on in production, even when no proxy says https", () => {
    expect(secureCookies({ ...development, production: true })).toBe(true);
    expect(secureCookies({ ...development, production: true, forwardedProto: "http" })).toBe(true);
  });

  it("is on when a proxy says the browser's request came over https", () => {
    expect(secureCookies({ ...development, forwardedProto: "https" })).toBe(true);
    expect(secureCookies({ ...development, forwardedProto: "HTTPS, http" })).toBe(true);
  });
});
