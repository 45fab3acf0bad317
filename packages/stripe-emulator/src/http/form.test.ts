import { describe, expect, it } from "vitest";
import { StripeError } from "./errors.ts";
import { parseForm } from "./form.ts";

function errorOf(fn: () => unknown): StripeError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StripeError) return error;
    throw error;
  }
  throw new Error("expected a StripeError");
}

describe("parseForm", () => {
  it("reads bracket nesting and indexed arrays", () => {
    const form = parseForm(
      "event_type=registration&evaluation_context[0][type]=client_details&evaluation_context[0][client_details][radar_session]=rse_1&evaluation_context[1][type]=customer_details",
    );
    expect(form).toEqual({
      event_type: "registration",
      evaluation_context: [
        { type: "client_details", client_details: { radar_session: "rse_1" } },
        { type: "customer_details" },
      ],
    });
  });

  it("decodes percent-encoding and plus signs", () => {
    expect(parseForm("email=jenny%2Btag%40example.com&name=Jenny+Rosen")).toEqual({
      email: "jenny+tag@example.com",
      name: "Jenny Rosen",
    });
  });

  it("reads empty-bracket arrays", () => {
    expect(parseForm("expand[]=a&expand[]=b")).toEqual({ expand: ["a", "b"] });
  });

  it("rejects malformed percent-encoding", () => {
    expect(errorOf(() => parseForm("name=%E0%A4%A")).status).toBe(400);
  });

  it("rejects invalid UTF-8 bytes", () => {
    const body = Buffer.concat([Buffer.from("name="), Buffer.from([0xff, 0xfe])]);
    expect(errorOf(() => parseForm(body)).body.type).toBe("invalid_request_error");
  });

  it("rejects nesting deeper than the limit", () => {
    expect(errorOf(() => parseForm(`a${"[b]".repeat(20)}=1`)).status).toBe(400);
  });

  it("rejects too many parameters", () => {
    const body = Array.from({ length: 1200 }, (_, i) => `k${i}=v`).join("&");
    expect(errorOf(() => parseForm(body)).status).toBe(400);
  });

  it("refuses __proto__ and treats inherited names as ordinary keys", () => {
    expect(errorOf(() => parseForm("__proto__[polluted]=yes&a=1")).status).toBe(400);
    expect(errorOf(() => parseForm("a[__proto__][b]=1")).status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parseForm("constructor=x&m[toString]=y")).toEqual({
      constructor: "x",
      m: { toString: "y" },
    });
  });
});

describe("parseForm edge cases", () => {
  it("compacts sparse indices and keeps order", () => {
    expect(parseForm("a[3]=x&a[1]=y")).toEqual({ a: ["y", "x"] });
  });

  it("turns an array into an object when a named key follows", () => {
    expect(parseForm("m[0]=a&m[k]=b")).toEqual({ m: { 0: "a", k: "b" } });
  });

  it("collects a repeated key", () => {
    expect(parseForm("email=a&email=b")).toEqual({ email: ["a", "b"] });
  });

  it("rejects an array index above the limit", () => {
    expect(errorOf(() => parseForm("a[101]=x")).status).toBe(400);
  });

  it("rejects a key that is both a value and a hash", () => {
    expect(errorOf(() => parseForm("a=1&a[b]=2")).status).toBe(400);
    expect(errorOf(() => parseForm("a[b]=1&a=2")).status).toBe(400);
  });

  it("rejects unbalanced brackets", () => {
    expect(errorOf(() => parseForm("a[b=1")).status).toBe(400);
  });

  it("accepts keys without values", () => {
    expect(parseForm("metadata=&flag")).toEqual({ metadata: "", flag: "" });
  });
});
