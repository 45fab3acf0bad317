import { describe, expect, it } from "vitest";
import {
  customerEvaluationParams,
  parseCustomerEvaluation,
  reportParams,
} from "@/lib/radar/customer-evaluation";
import { decide } from "@/lib/radar/policy";

// The Customer Evaluation object exactly as Stripe's API reference prints it ("Create a customer
// evaluation", "The Customer Evaluation object").
const seedRegistration = {
  id: "cuseval_123456789",
  object: "radar.customer_evaluation",
  event_type: "registration",
  livemode: true,
  created_at: 1715769600,
  customer: "cus_123456789",
  events: null,
  signals: { multi_accounting: { score: 50.1, evaluated_at: 1715769600, risk_level: null } },
};

describe("parseCustomerEvaluation", () => {
  it("reads every field of the seed's registration evaluation", () => {
    const result = parseCustomerEvaluation(seedRegistration, "registration");
    expect(result).toEqual({
      kind: "available",
      evaluation: seedRegistration,
      signal: { score: 50.1, evaluated_at: 1715769600, risk_level: null },
    });
    if (result.kind === "available") expect(decide(result.signal)).toBe("allow");
  });

  it("picks account_sharing for a login", () => {
    const login = {
      ...seedRegistration,
      event_type: "login",
      signals: { account_sharing: { score: 80, evaluated_at: 1715769600, risk_level: "highest" } },
    };
    const result = parseCustomerEvaluation(login, "login");
    expect(result).toMatchObject({ kind: "available", signal: { risk_level: "highest" } });
    if (result.kind === "available") expect(decide(result.signal)).toBe("block");
  });

  it("reads reported events, with the guide's caeval_ prefix", () => {
    const reported = {
      ...seedRegistration,
      id: "caeval_abc",
      events: [
        {
          type: "registration_failed",
          occurred_at: 1715769700,
          registration_failed: { reason: "suspected_multi_accounting" },
          login_failed: null,
        },
      ],
    };
    expect(parseCustomerEvaluation(reported, "registration")).toMatchObject({
      kind: "available",
      evaluation: { id: "caeval_abc", events: reported.events },
    });
  });

  it("reads a risk level Stripe adds later as unknown, which never blocks", () => {
    const future = {
      ...seedRegistration,
      signals: { multi_accounting: { score: 99, evaluated_at: 1, risk_level: "catastrophic" } },
    };
    const result = parseCustomerEvaluation(future, "registration");
    expect(result).toMatchObject({ signal: { risk_level: "unknown" } });
    if (result.kind === "available") expect(decide(result.signal)).toBe("allow");
  });

  it("treats a missing signal as none and an unreadable body as unavailable", () => {
    expect(
      parseCustomerEvaluation({ ...seedRegistration, signals: null }, "registration"),
    ).toMatchObject({
      kind: "available",
      signal: null,
    });
    expect(parseCustomerEvaluation({ error: "nope" }, "registration")).toMatchObject({
      kind: "unavailable",
    });
    expect(
      parseCustomerEvaluation(
        {
          ...seedRegistration,
          signals: { multi_accounting: { score: 150, evaluated_at: 1, risk_level: null } },
        },
        "registration",
      ),
    ).toMatchObject({ kind: "unavailable" });
  });
});

describe("request parameters", () => {
  // As in the examples of the guide "Customer abuse evaluation".
  it("put the customer and the Radar Session in evaluation_context", () => {
    expect(
      customerEvaluationParams({
        eventType: "registration",
        customer: "cus_1",
        radarSession: "rse_1",
        idempotencyKey: "k",
      }),
    ).toEqual({
      event_type: "registration",
      evaluation_context: [
        { type: "customer_details", customer_details: { customer: "cus_1" } },
        { type: "client_details", client_details: { radar_session: "rse_1" } },
      ],
    });
  });

  it("leave client_details out without a Radar Session", () => {
    expect(
      customerEvaluationParams({
        eventType: "login",
        customer: "cus_1",
        radarSession: undefined,
        idempotencyKey: "k",
      }).evaluation_context,
    ).toHaveLength(1);
  });

  it("nest a failure reason under the report type", () => {
    expect(reportParams({ type: "login_success" })).toEqual({ type: "login_success" });
    expect(reportParams({ type: "login_failed", reason: "suspected_account_sharing" })).toEqual({
      type: "login_failed",
      login_failed: { reason: "suspected_account_sharing" },
    });
    expect(reportParams({ type: "registration_failed", reason: "other" })).toEqual({
      type: "registration_failed",
      registration_failed: { reason: "other" },
    });
  });
});
