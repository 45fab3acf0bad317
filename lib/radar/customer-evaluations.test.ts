import { describe, expect, it } from "vitest";
import type { AccountEvaluationRequest } from "@/lib/radar/account-abuse";
import {
  CUSTOMER_EVALUATIONS_VERSION,
  customerEvaluationParams,
  parseCustomerEvaluation,
  reportParams,
  SEEDS_VERSION,
} from "@/lib/radar/customer-evaluations";
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

const parse = (response: unknown, event: "registration" | "login" = "registration") =>
  parseCustomerEvaluation(response, event, CUSTOMER_EVALUATIONS_VERSION);

describe("parseCustomerEvaluation", () => {
  it("reads the seed's registration evaluation, keeping Stripe's object whole", () => {
    const result = parse(seedRegistration);
    expect(result).toEqual({
      kind: "evaluated",
      evaluation: {
        radarApi: "v1",
        apiVersion: CUSTOMER_EVALUATIONS_VERSION,
        id: "cuseval_123456789",
        customer: "cus_123456789",
        raw: seedRegistration,
      },
      signal: { name: "multi_accounting", score: 50.1, riskLevel: null },
    });
    if (result.kind === "evaluated") expect(decide(result.signal)).toBe("allow");
  });

  it("picks account_sharing for a log-in", () => {
    const login = {
      ...seedRegistration,
      event_type: "login",
      signals: { account_sharing: { score: 80, evaluated_at: 1715769600, risk_level: "highest" } },
    };
    const result = parse(login, "login");
    expect(result).toMatchObject({
      kind: "evaluated",
      signal: { name: "account_sharing", riskLevel: "highest" },
    });
    if (result.kind === "evaluated") expect(decide(result.signal)).toBe("block");
  });

  it("reads what Stripe's types allow: any ID, no customer, no object, status, a null score", () => {
    const current = {
      id: "radar_ce_9Xq",
      event_type: "registration",
      status: "allowed",
      signals: { multi_accounting: { score: null, evaluated_at: 1, risk_level: "elevated" } },
    };
    const result = parse(current);
    expect(result).toMatchObject({
      kind: "evaluated",
      evaluation: { id: "radar_ce_9Xq", customer: null },
      signal: { score: null, riskLevel: "elevated" },
    });
    if (result.kind === "evaluated") expect(decide(result.signal)).toBe("review");
  });

  it("lets the score decide a risk level Stripe adds later", () => {
    const future = {
      ...seedRegistration,
      signals: { multi_accounting: { score: 99, evaluated_at: 1, risk_level: "catastrophic" } },
    };
    const result = parse(future);
    expect(result).toMatchObject({ signal: { riskLevel: null, score: 99 } });
    if (result.kind === "evaluated") expect(decide(result.signal)).toBe("block");
  });

  it("reads an evaluation without the flow's signal as one without a signal", () => {
    expect(parse({ ...seedRegistration, signals: null })).toMatchObject({
      kind: "evaluated",
      signal: null,
    });
  });

  it.each([
    ["a body that is not an evaluation", { error: "nope" }, null],
    ["a score out of range", scored(150), "cuseval_123456789"],
    ["a score that is a string", scored("50.1"), "cuseval_123456789"],
    ["signals of another shape", { ...seedRegistration, signals: [] }, "cuseval_123456789"],
    ["a numeric ID", { ...seedRegistration, id: 42 }, null],
  ])("keeps %s whole as unreadable, with its ID when it has one", (_, body, id) => {
    expect(parse(body)).toEqual({
      kind: "unreadable",
      radarApi: "v1",
      apiVersion: CUSTOMER_EVALUATIONS_VERSION,
      id,
      raw: body,
      problem: expect.any(String),
    });
  });
});

function scored(score: unknown) {
  return {
    ...seedRegistration,
    signals: { multi_accounting: { score, evaluated_at: 1, risk_level: null } },
  };
}

describe("request parameters", () => {
  const request = (radarSession: string | undefined): AccountEvaluationRequest => ({
    event: "registration",
    customer: "cus_1",
    client: {
      radarSession,
      ip: "203.0.113.7",
      userAgent: "Mozilla/5.0",
      referrer: "https://shop.example/register",
    },
    idempotencyKey: "k",
  });

  // As in the examples of the guide "Customer abuse evaluation".
  it("put the customer and the Radar Session in evaluation_context", () => {
    expect(customerEvaluationParams(request("rse_1"), CUSTOMER_EVALUATIONS_VERSION)).toEqual({
      event_type: "registration",
      evaluation_context: [
        { type: "customer_details", customer_details: { customer: "cus_1" } },
        { type: "client_details", client_details: { radar_session: "rse_1" } },
      ],
    });
  });

  it("send the client's address, User-Agent and referrer without a Radar Session", () => {
    expect(
      customerEvaluationParams(request(undefined), CUSTOMER_EVALUATIONS_VERSION)
        .evaluation_context[1],
    ).toEqual({
      type: "client_details",
      client_details: {
        data: {
          ip: "203.0.113.7",
          user_agent: "Mozilla/5.0",
          referrer: "https://shop.example/register",
        },
      },
    });
  });

  it("leave client_details out without a Radar Session for versions before client data", () => {
    expect(
      customerEvaluationParams(request(undefined), SEEDS_VERSION).evaluation_context,
    ).toHaveLength(1);
  });
});

describe("report parameters", () => {
  const registration = { eventType: "registration" } as const;
  const login = { eventType: "login" } as const;

  it("are a status for current versions, an app's own refusal included", () => {
    const version = CUSTOMER_EVALUATIONS_VERSION;
    expect(reportParams(registration, "allowed", version)).toEqual({ status: "allowed" });
    expect(reportParams(login, "restricted", version)).toEqual({ status: "restricted" });
    expect(reportParams(registration, "blocked", version)).toEqual({ status: "blocked" });
    expect(reportParams(login, "refused", version)).toEqual({ status: "blocked" });
    expect(reportParams(login, "allowed", "2026-04-22.preview")).toEqual({ status: "allowed" });
  });

  it("are the seeds' type, with the reason nested under it, for the seeds' version", () => {
    expect(reportParams(login, "allowed", SEEDS_VERSION)).toEqual({ type: "login_success" });
    expect(reportParams(registration, "restricted", SEEDS_VERSION)).toEqual({
      type: "registration_success",
    });
    expect(reportParams(login, "blocked", SEEDS_VERSION)).toEqual({
      type: "login_failed",
      login_failed: { reason: "suspected_account_sharing" },
    });
    expect(reportParams(registration, "refused", SEEDS_VERSION)).toEqual({
      type: "registration_failed",
      registration_failed: { reason: "other" },
    });
  });
});
