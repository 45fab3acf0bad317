import { describe, expect, it } from "vitest";
import {
  accountActivityParams,
  accountEvaluationParams,
  accountEvaluationSchema,
  isComplete,
  signalOf,
} from "@/lib/radar/account-evaluation";

// "The Account Evaluation object" as Stripe's API reference prints it (2026-08-26.preview): a
// fresh evaluation, nothing evaluated yet.
const pending = {
  id: "acctevl_123",
  object: "v2.signals.account_evaluation",
  created: "2026-06-12T00:00:00.000Z",
  account_details: { customer: "cus_123" },
  requested_signals: ["user_multi_accounting"],
  pending_signals: ["user_multi_accounting"],
  livemode: false,
};
const complete = {
  ...pending,
  pending_signals: [],
  evaluated_signals: {
    user_multi_accounting: {
      risk_level: "elevated",
      score: "68.50",
      signal: "acctsig_1",
      evaluated_at: "2026-06-12T00:00:01.000Z",
    },
  },
};

describe("accountEvaluationParams", () => {
  it("asks for user_multi_accounting on a registration attempt with its Radar Session", () => {
    expect(
      accountEvaluationParams({
        eventType: "registration",
        customer: "cus_123",
        clientDetails: { radar_session: "rse_1" },
        occurredAt: new Date("2026-12-07T01:02:03.000Z"),
        idempotencyKey: "k",
      }),
    ).toEqual({
      requested_signals: ["user_multi_accounting"],
      account_details: { customer: "cus_123" },
      account_activity_details: {
        data: {
          type: "registration_attempt",
          registration_attempt: { client_details: { radar_session: "rse_1" } },
          occurred_at: "2026-12-07T01:02:03.000Z",
        },
      },
    });
  });

  it("asks for user_account_sharing on a login attempt, with the client's data when there is no session", () => {
    const body = accountEvaluationParams({
      eventType: "login",
      customer: "cus_9",
      clientDetails: { data: { ip: "203.0.113.7", user_agent: "Mozilla/5.0" } },
      occurredAt: new Date(0),
      idempotencyKey: "k",
    });
    expect(body.requested_signals).toEqual(["user_account_sharing"]);
    expect(body.account_activity_details.data).toEqual({
      type: "login_attempt",
      login_attempt: {
        client_details: { data: { ip: "203.0.113.7", user_agent: "Mozilla/5.0" } },
      },
      occurred_at: "1970-01-01T00:00:00.000Z",
    });
  });
});

describe("accountActivityParams", () => {
  it("reports a registration decision on the evaluation and its customer", () => {
    expect(
      accountActivityParams({
        eventType: "registration",
        evaluationId: "acctevl_123",
        customer: "cus_123",
        status: "blocked",
      }),
    ).toEqual({
      type: "registration_decision",
      account_evaluation: "acctevl_123",
      account_details: { customer: "cus_123" },
      registration_decision: { status: "blocked" },
    });
  });

  it("reports a login decision, without account_details when there is no customer", () => {
    expect(
      accountActivityParams({
        eventType: "login",
        evaluationId: "acctevl_9",
        customer: null,
        status: "allowed",
      }),
    ).toEqual({
      type: "login_decision",
      account_evaluation: "acctevl_9",
      login_decision: { status: "allowed" },
    });
  });
});

describe("reading an Account Evaluation", () => {
  it("reads the reference's pending evaluation: not complete, no signal", () => {
    const evaluation = accountEvaluationSchema.parse(pending);
    expect(isComplete(evaluation)).toBe(false);
    expect(signalOf(evaluation, "registration")).toBeNull();
  });

  it("reads a completed signal's decimal score as a number", () => {
    const evaluation = accountEvaluationSchema.parse(complete);
    expect(isComplete(evaluation)).toBe(true);
    expect(signalOf(evaluation, "registration")).toEqual({
      score: 68.5,
      risk_level: "elevated",
      evaluated_at: "2026-06-12T00:00:01.000Z",
    });
    expect(signalOf(evaluation, "login")).toBeNull();
  });

  it("reads a signal without a score, any ID, and a risk level Stripe adds later", () => {
    const evaluation = accountEvaluationSchema.parse({
      ...complete,
      id: "some_future_prefix_1",
      evaluated_signals: { user_multi_accounting: { risk_level: "catastrophic" } },
    });
    expect(signalOf(evaluation, "registration")).toEqual({
      score: null,
      risk_level: "unknown",
      evaluated_at: null,
    });
  });

  it("refuses what is not an Account Evaluation", () => {
    expect(
      accountEvaluationSchema.safeParse({ ...complete, object: "radar.customer_evaluation" })
        .success,
    ).toBe(false);
    expect(
      accountEvaluationSchema.safeParse({
        ...complete,
        evaluated_signals: { user_multi_accounting: { risk_level: "low", score: 12 } },
      }).success,
    ).toBe(false);
  });
});
