import { describe, expect, it } from "vitest";
import { StripeError } from "./errors.ts";
import { type Fields, validateFields } from "./params.ts";

const fields: Fields = {
  amount: { type: "integer", required: true, min: 1 },
  confirm: { type: "boolean" },
  event_type: { type: "enum", values: ["login", "registration"] },
  metadata: { type: "metadata" },
  details: {
    type: "object",
    fields: { items: { type: "array", items: { type: "string", required: true } } },
  },
};

function codeOf(form: Record<string, unknown>): { code?: string; param?: string } {
  try {
    validateFields(form as never, fields);
  } catch (error) {
    if (error instanceof StripeError) return { code: error.body.code, param: error.body.param };
    throw error;
  }
  return {};
}

describe("validateFields", () => {
  it("converts integers and booleans and keeps nesting", () => {
    expect(
      validateFields(
        { amount: "100", confirm: "true", details: { items: ["a", "b"] } } as never,
        fields,
      ),
    ).toEqual({ amount: 100, confirm: true, details: { items: ["a", "b"] } });
  });

  it.each([
    [{}, "parameter_missing", "amount"],
    [{ amount: "1", nope: "x" }, "parameter_unknown", "nope"],
    [{ amount: "one" }, "parameter_invalid_integer", "amount"],
    [{ amount: "0" }, "parameter_invalid_integer", "amount"],
    [{ amount: "1", confirm: "yes" }, "parameter_invalid_boolean", "confirm"],
    [{ amount: "1", event_type: "signup" }, "parameter_invalid_string", "event_type"],
    [{ amount: "1", metadata: "x" }, "parameter_invalid_hash", "metadata"],
    [{ amount: "1", metadata: { k: "v".repeat(501) } }, "parameter_invalid_string", "metadata[k]"],
    [{ amount: "1", details: { items: "a" } }, "parameter_invalid_array", "details[items]"],
    [{ amount: "1", details: { extra: "a" } }, "parameter_unknown", "details[extra]"],
  ])("%j → %s on %s", (form, code, param) => {
    expect(codeOf(form)).toEqual({ code, param });
  });

  it("lets an empty metadata string clear metadata", () => {
    expect(validateFields({ amount: "1", metadata: "" } as never, fields).metadata).toEqual({});
  });
});

describe("validateFields and inherited names", () => {
  it("rejects parameters named like Object.prototype members as unknown", () => {
    expect(codeOf({ amount: "1", constructor: "x" })).toEqual({
      code: "parameter_unknown",
      param: "constructor",
    });
  });
});
