import { describe, expect, it } from "vitest";
import { type RequestFacts, requestRefusal } from "@/lib/http/request-refusal";

const hosts = { appUrl: undefined, appHost: undefined };
const page: RequestFacts = {
  method: "GET",
  path: "/login",
  host: "127.0.0.1:3000",
  origin: null,
  contentLength: null,
};

describe("requestRefusal", () => {
  it("lets the app's own requests through", () => {
    expect(requestRefusal(page, hosts)).toBeNull();
    expect(
      requestRefusal(
        { ...page, method: "POST", origin: "http://127.0.0.1:3000", contentLength: "900" },
        hosts,
      ),
    ).toBeNull();
  });

  it("refuses another site's name with 403", () => {
    expect(requestRefusal({ ...page, host: "attacker.example:3000" }, hosts)).toMatchObject({
      status: 403,
    });
  });

  it("answers a malformed address with 400", () => {
    expect(requestRefusal({ ...page, path: "/orders/%" }, hosts)).toMatchObject({ status: 400 });
    expect(requestRefusal({ ...page, path: "/orders/%E0%A4%A" }, hosts)).toMatchObject({
      status: 400,
    });
  });

  it("refuses a form sent from another site with 403, saying to send it from this one", () => {
    for (const origin of ["http://evil.example", "null", "http://127.0.0.1:3001"]) {
      expect(requestRefusal({ ...page, method: "POST", origin }, hosts)).toMatchObject({
        status: 403,
        message: expect.stringContaining("Open the page on this site"),
      });
    }
  });

  it("refuses a form over 1 MB with 413, saying to shorten it", () => {
    expect(
      requestRefusal({ ...page, method: "POST", contentLength: String(1024 * 1024 + 1) }, hosts),
    ).toMatchObject({ status: 413, message: expect.stringContaining("shorten") });
  });
});
