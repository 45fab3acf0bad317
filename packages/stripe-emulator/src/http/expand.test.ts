import { describe, expect, it } from "vitest";
import { type Expansions, expandJson, expandPaths } from "./expand.ts";

const objects: Record<string, Record<string, unknown>> = {
  cus_1: { id: "cus_1", object: "customer", invoice_settings: { default_payment_method: "pm_1" } },
  pm_1: { id: "pm_1", object: "payment_method", customer: "cus_1" },
  ch_1: { id: "ch_1", object: "charge", customer: "cus_1", payment_intent: "pi_1" },
};

const expansions: Expansions = {
  fields: {
    customer: ["invoice_settings.default_payment_method"],
    payment_intent: ["customer", "latest_charge"],
    charge: ["customer", "payment_intent"],
  },
  lookup: (id) => (objects[id] ? structuredClone(objects[id]) : undefined),
};

const intent = JSON.stringify({
  id: "pi_1",
  object: "payment_intent",
  customer: "cus_1",
  latest_charge: "ch_1",
});

const expand = (json: string, paths: string[]) =>
  JSON.parse(expandJson(json, expandPaths(paths, expansions), expansions)) as Record<
    string,
    unknown
  >;

describe("expandJson", () => {
  it("replaces a registered field's ID with the object, through nested and dotted paths", () => {
    const expanded = expand(intent, [
      "latest_charge.customer",
      "customer.invoice_settings.default_payment_method",
    ]);
    expect(expanded.latest_charge).toMatchObject({
      object: "charge",
      payment_intent: "pi_1",
      customer: { id: "cus_1", object: "customer" },
    });
    expect(expanded.customer).toMatchObject({
      invoice_settings: { default_payment_method: { id: "pm_1", object: "payment_method" } },
    });
  });

  it("keeps an ID it cannot find, and expands every item of a list", () => {
    const list = JSON.stringify({
      object: "list",
      data: [
        { id: "pi_1", object: "payment_intent", customer: "cus_1", latest_charge: "ch_gone" },
        { id: "pi_2", object: "payment_intent", customer: null, latest_charge: null },
      ],
    });
    const expanded = expand(list, ["data.latest_charge", "data.customer"]) as {
      data: Array<Record<string, unknown>>;
    };
    expect(expanded.data[0]).toMatchObject({ latest_charge: "ch_gone", customer: { id: "cus_1" } });
    expect(expanded.data[1]).toMatchObject({ latest_charge: null, customer: null });
  });

  it("refuses what Stripe refuses, naming the path", () => {
    expect(() => expand(intent, ["amount"])).toThrow("This property cannot be expanded (amount).");
    expect(() => expand(intent, ["latest_charge.outcome"])).toThrow(
      "This property cannot be expanded (latest_charge.outcome).",
    );
    expect(() => expand(intent, ["latest_charge.customer.a.b.c"])).toThrow(
      "You cannot expand more than 4 levels of a property.",
    );
    expect(() => expandPaths("customer", expansions)).toThrow("Invalid array");
  });

  it("refuses a field no object lets expand before anything runs", () => {
    expect(() => expandPaths(["customer.email"], expansions)).toThrow(
      "This property cannot be expanded (customer.email).",
    );
    expect(() => expandPaths(["data.metadata"], expansions)).toThrow(
      "This property cannot be expanded (data.metadata).",
    );
    expect(expandPaths(["data.latest_charge.customer"], expansions)).toEqual([
      ["data", "latest_charge", "customer"],
    ]);
  });
});
