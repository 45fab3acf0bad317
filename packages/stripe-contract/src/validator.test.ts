import { describe, expect, it } from "vitest";
import { ContractValidator } from "./validator.ts";

const validator = new ContractValidator();

function operation(method: string, path: string, apiVersion?: string) {
  const found = validator.operationFor(method, path, apiVersion);
  if (!found) throw new Error(`no operation for ${method} ${path}`);
  return found;
}

describe("the contract validator", () => {
  it("refuses a request with a parameter Stripe's types do not define, at any depth", () => {
    const create = operation("POST", "/v1/customers");
    expect(validator.validateRequest(create, { email: "a@example.com" }, "form")).toEqual([]);
    expect(
      validator.validateRequest(create, { email: "a@example.com", bogus: "1" }, "form"),
    ).toEqual(["/: unknown field 'bogus'"]);
    const shipping = { name: "A", address: { line1: "1 Main St" }, colour: "red" };
    expect(validator.validateRequest(create, { shipping }, "form")).toContain(
      "/shipping: unknown field 'colour'",
    );
  });

  it("reads form values as Stripe does: numbers, booleans and '' for an unset Emptyable", () => {
    const create = operation("POST", "/v1/payment_intents");
    const body = { amount: "2000", currency: "eur", confirm: "true" };
    expect(validator.validateRequest(create, body, "form")).toEqual([]);
    expect(validator.validateRequest(create, { ...body, amount: "twenty" }, "form")).toEqual([
      "/amount: must be number",
    ]);
    // metadata may be unset ('') on an update, not on a create.
    const update = operation("POST", "/v1/payment_intents/pi_1");
    expect(validator.validateRequest(update, { metadata: "" }, "form")).toEqual([]);
    expect(validator.validateRequest(create, { ...body, metadata: "" }, "form")).toEqual([
      "/metadata: must be object",
    ]);
  });

  it("takes the masked card data of the emulator's log for what was sent", () => {
    const create = operation("POST", "/v1/payment_methods");
    const card = { number: "************4242", exp_month: "12", exp_year: "2034", cvc: "***" };
    expect(validator.validateRequest(create, { type: "card", card }, "form")).toEqual([]);
  });

  it("refuses a response with a field Stripe always returns deleted", () => {
    const retrieve = operation("DELETE", "/v1/customers/cus_123");
    const deleted = { id: "cus_123", object: "customer", deleted: true };
    expect(validator.validateResponse(retrieve, deleted)).toEqual([]);
    const { deleted: _, ...withoutDeleted } = deleted;
    expect(validator.validateResponse(retrieve, withoutDeleted)).toEqual([
      "/: missing field 'deleted'",
    ]);
  });

  it("refuses a value of the wrong type where the type is a union", () => {
    const retrieve = operation("GET", "/v1/radar/early_fraud_warnings/issfr_1");
    const warning = {
      id: "issfr_1",
      object: "radar.early_fraud_warning",
      actionable: true,
      charge: "ch_1",
      created: 1,
      fraud_type: "misc",
      livemode: false,
    };
    expect(validator.validateResponse(retrieve, warning)).toEqual([]);
    expect(validator.validateResponse(retrieve, { ...warning, charge: null })).toContain(
      "/charge: must be string",
    );
  });

  it("reads /v1/customers/search as a search, not as a customer named search", () => {
    expect(operation("GET", "/v1/customers/search").id).toBe("customers.search");
    expect(operation("GET", "/v1/customers/cus_123").id).toBe("customers.retrieve");
  });

  it("checks a Customer Evaluation report against the shape of the version it was sent with", () => {
    const seeds = operation(
      "POST",
      "/v1/radar/customer_evaluations/cuseval_1/report",
      "2026-03-04.preview",
    );
    const current = operation(
      "POST",
      "/v1/radar/customer_evaluations/cuseval_1/report",
      "2026-11-18.preview",
    );
    expect(validator.validateRequest(seeds, { type: "login_success" }, "form")).toEqual([]);
    expect(validator.validateRequest(seeds, { status: "allowed" }, "form")).toContain(
      "/: unknown field 'status'",
    );
    expect(
      validator.validateRequest(current, { status: "allowed", customer: "cus_1" }, "form"),
    ).toEqual([]);
    expect(validator.validateRequest(current, { type: "login_success" }, "form")).toContain(
      "/: unknown field 'type'",
    );
  });

  it("checks v2 Signals bodies as JSON, decimals as the strings they are on the wire", () => {
    const create = operation("POST", "/v2/signals/account_evaluations");
    const request = {
      account_details: { customer: "cus_1" },
      requested_signals: ["user_multi_accounting"],
      account_activity_details: {
        data: {
          type: "registration_attempt",
          registration_attempt: { client_details: { data: { ip: "203.0.113.7" } } },
        },
      },
    };
    expect(validator.validateRequest(create, request, "json")).toEqual([]);
    const evaluation = {
      id: "acctevl_1",
      object: "v2.signals.account_evaluation",
      account_details: { customer: "cus_1" },
      created: "2026-12-07T01:00:00.000Z",
      livemode: false,
      pending_signals: [],
      requested_signals: ["user_multi_accounting"],
      evaluated_signals: { user_multi_accounting: { risk_level: "normal", score: "12.50" } },
    };
    expect(validator.validateResponse(create, evaluation)).toEqual([]);
    const { pending_signals: _, ...withoutPending } = evaluation;
    expect(validator.validateResponse(create, withoutPending)).toEqual([
      "/: missing field 'pending_signals'",
    ]);
  });
});
