import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  accountActivityParams,
  accountEvaluationParams,
  accountEvaluationsApi,
  parseAccountEvaluation,
} from "@/lib/radar/account-evaluations";

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
const client = {
  radarSession: "rse_1",
  ip: "203.0.113.7",
  userAgent: "Mozilla/5.0",
  referrer: undefined,
};

describe("accountEvaluationParams", () => {
  it("asks for user_multi_accounting on a registration attempt with its Radar Session", () => {
    expect(
      accountEvaluationParams(
        { event: "registration", customer: "cus_123", client, idempotencyKey: "k" },
        new Date("2026-12-07T01:02:03.000Z"),
      ),
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

  it("asks for user_account_sharing on a login attempt, with the client's data when there is no Radar Session", () => {
    const body = accountEvaluationParams(
      {
        event: "login",
        customer: "cus_9",
        client: { ...client, radarSession: undefined },
        idempotencyKey: "k",
      },
      new Date(0),
    );
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
  const registration = {
    radarApi: "v2" as const,
    apiVersion: "2026-08-26.preview",
    stripeId: "acctevl_123",
    eventType: "registration" as const,
    stripeCustomerId: "cus_123",
  };

  it("reports a blocked registration as a registration_decision on the evaluation and its customer", () => {
    expect(accountActivityParams(registration, "blocked")).toEqual({
      type: "registration_decision",
      account_evaluation: "acctevl_123",
      account_details: { customer: "cus_123" },
      registration_decision: { status: "blocked" },
    });
  });

  it("words each outcome as a status: a review is restricted, the app's own refusal blocked", () => {
    const login = { ...registration, eventType: "login" as const };
    for (const [outcome, status] of [
      ["allowed", "allowed"],
      ["restricted", "restricted"],
      ["refused", "blocked"],
    ] as const) {
      expect(accountActivityParams(login, outcome)).toMatchObject({
        type: "login_decision",
        login_decision: { status },
      });
    }
  });

  it("sends no account_details when the evaluation had no customer", () => {
    expect(
      accountActivityParams({ ...registration, stripeCustomerId: null }, "allowed"),
    ).not.toHaveProperty("account_details");
  });
});

describe("parseAccountEvaluation", () => {
  it("reads the reference's pending evaluation: pending, no signal", () => {
    expect(parseAccountEvaluation(pending, "registration")).toMatchObject({
      kind: "read",
      evaluation: { id: "acctevl_123", pending_signals: ["user_multi_accounting"] },
      signal: null,
      raw: pending,
    });
  });

  it("reads a completed signal's decimal score as a number", () => {
    expect(parseAccountEvaluation(complete, "registration")).toMatchObject({
      signal: { name: "user_multi_accounting", score: 68.5, riskLevel: "elevated" },
    });
    expect(parseAccountEvaluation(complete, "login")).toMatchObject({ signal: null });
  });

  it("reads any ID, a signal without a score, and a risk level Stripe adds later as none", () => {
    const read = parseAccountEvaluation(
      {
        ...complete,
        id: "some_future_prefix_1",
        account_details: {},
        evaluated_signals: { user_multi_accounting: { risk_level: "catastrophic" } },
      },
      "registration",
    );
    expect(read).toMatchObject({
      kind: "read",
      evaluation: { id: "some_future_prefix_1" },
      signal: { name: "user_multi_accounting", score: null, riskLevel: null },
    });
  });

  it.each([
    [{ ...complete, object: "radar.customer_evaluation" }, /^object:/],
    [{ ...complete, pending_signals: undefined }, /^pending_signals:/],
    [
      {
        ...complete,
        evaluated_signals: { user_multi_accounting: { risk_level: "low", score: 12 } },
      },
      /^evaluated_signals\.user_multi_accounting\.score:/,
    ],
    [
      {
        ...complete,
        evaluated_signals: { user_multi_accounting: { risk_level: "low", score: "250.00" } },
      },
      /at most 100/,
    ],
  ])("names what it cannot read in %o", (response, problem) => {
    const read = parseAccountEvaluation(response, "registration");
    expect(read.kind).toBe("unreadable");
    if (read.kind === "unreadable") expect(read.problem).toMatch(problem);
  });
});

type Call = { method: string; path: string; headers: Headers; body: unknown };

/**
 * A Stripe client whose HTTP goes to `answer`, one call at a time, so the module's wire calls,
 * its waiting and its reading of errors are seen exactly as stripe-node sends and reads them.
 */
function fakeStripe(answer: (call: Call, index: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchFn = async (url: string | URL | Request, init?: RequestInit) => {
    const target = new URL(String(url));
    const call = {
      method: init?.method ?? "GET",
      path: target.pathname,
      headers: new Headers(init?.headers),
      body: init?.body ? JSON.parse(String(init.body)) : null,
    };
    calls.push(call);
    return answer(call, calls.length - 1);
  };
  const stripe = new Stripe("sk_test_fake", {
    httpClient: Stripe.createFetchHttpClient(fetchFn as typeof fetch),
    maxNetworkRetries: 0,
  });
  return { stripe, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "request-id": "req_fake" },
  });
const v2Error = (status: number, error: Record<string, unknown>) => json(status, { error });

const request = {
  event: "registration" as const,
  customer: "cus_123",
  client,
  idempotencyKey: "registration-evaluation-cus_123-rse_1",
};

describe("accountEvaluationsApi", () => {
  it("creates the evaluation as JSON with the preview version, then reads it until nothing is pending", async () => {
    const { stripe, calls } = fakeStripe((_call, index) =>
      json(200, index < 2 ? pending : complete),
    );
    const result = await accountEvaluationsApi(stripe, {
      waitMs: 2_000,
      timeoutMs: 1_000,
    }).evaluate(request);

    expect(result).toEqual({
      kind: "evaluated",
      evaluation: {
        radarApi: "v2",
        apiVersion: "2026-08-26.preview",
        id: "acctevl_123",
        customer: "cus_123",
        raw: complete,
      },
      signal: { name: "user_multi_accounting", score: 68.5, riskLevel: "elevated" },
    });
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      "POST /v2/signals/account_evaluations",
      "GET /v2/signals/account_evaluations/acctevl_123",
      "GET /v2/signals/account_evaluations/acctevl_123",
    ]);
    const [create] = calls;
    expect(create?.headers.get("content-type")).toBe("application/json");
    expect(create?.headers.get("stripe-version")).toBe("2026-08-26.preview");
    expect(create?.headers.get("idempotency-key")).toBe(request.idempotencyKey);
    expect(create?.body).toMatchObject({
      requested_signals: ["user_multi_accounting"],
      account_details: { customer: "cus_123" },
    });
    expect(calls[1]?.headers.get("stripe-version")).toBe("2026-08-26.preview");
  });

  it("reads nothing more when the evaluation is complete at once", async () => {
    const { stripe, calls } = fakeStripe(() => json(200, complete));
    const result = await accountEvaluationsApi(stripe, {
      waitMs: 2_000,
      timeoutMs: 1_000,
    }).evaluate(request);
    expect(result.kind).toBe("evaluated");
    expect(calls).toHaveLength(1);
  });

  it("stops waiting after waitMs: the evaluation is pending, with its reason and Stripe's object as last read", async () => {
    const { stripe, calls } = fakeStripe(() => json(200, pending));
    const startedAt = performance.now();
    const result = await accountEvaluationsApi(stripe, { waitMs: 400, timeoutMs: 1_000 }).evaluate(
      request,
    );
    const took = performance.now() - startedAt;

    expect(result).toEqual({
      kind: "pending",
      evaluation: expect.objectContaining({ id: "acctevl_123", raw: pending }),
      reason: "evaluation not complete after 400 ms",
    });
    expect(took).toBeLessThan(400 + 100);
    // Created, then read at about 50, 150 and 350 ms, as long as a next read ends within the wait.
    const [create, ...reads] = calls.map((call) => call.method);
    expect(create).toBe("POST");
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.every((method) => method === "GET")).toBe(true);
  });

  it("skips a read that fails and waits for the next", async () => {
    const { stripe } = fakeStripe((_call, index) =>
      index === 0
        ? json(200, pending)
        : index === 1
          ? json(500, { error: {} })
          : json(200, complete),
    );
    const result = await accountEvaluationsApi(stripe, {
      waitMs: 2_000,
      timeoutMs: 1_000,
    }).evaluate(request);
    expect(result).toMatchObject({ kind: "evaluated", signal: { riskLevel: "elevated" } });
  });

  it.each([
    ["a 500", () => v2Error(500, { type: "api_error", message: "Something went wrong" })],
    ["a 429", () => v2Error(429, { type: "rate_limit", message: "Too many requests" })],
    [
      "a preview the account does not have",
      () =>
        v2Error(404, { type: "invalid_request_error", message: "The API method cannot be found." }),
    ],
    [
      "no answer",
      () => {
        throw new TypeError("fetch failed");
      },
    ],
  ])("fails open on an outage: %s is unavailable", async (_label, answer) => {
    const { stripe } = fakeStripe(answer);
    const result = await accountEvaluationsApi(stripe, {
      waitMs: 2_000,
      timeoutMs: 1_000,
    }).evaluate(request);
    expect(result.kind).toBe("unavailable");
  });

  it("never fails open on a refusal: a 400 about what was sent is refused, naming the parameter", async () => {
    const { stripe } = fakeStripe(() =>
      v2Error(400, {
        type: "invalid_request_error",
        code: "invalid_fields",
        message: "requested_signals: unknown signal",
        param: "requested_signals",
      }),
    );
    const result = await accountEvaluationsApi(stripe, {
      waitMs: 2_000,
      timeoutMs: 1_000,
    }).evaluate(request);
    expect(result).toMatchObject({ kind: "refused", param: "requested_signals" });
  });

  it("tells a Radar Session Stripe does not know from other refusals", async () => {
    const { stripe } = fakeStripe(() =>
      v2Error(400, {
        type: "invalid_request_error",
        code: "resource_missing",
        message: "No such radar session: 'rse_1'",
        param: "account_activity_details.data.registration_attempt.client_details.radar_session",
      }),
    );
    const result = await accountEvaluationsApi(stripe, {
      waitMs: 2_000,
      timeoutMs: 1_000,
    }).evaluate(request);
    expect(result.kind).toBe("invalid_radar_session");
  });

  it("keeps an answer it cannot read whole, with its ID, and does not wait on it", async () => {
    const renamed = { ...pending, pending_signals: undefined, pending: ["user_multi_accounting"] };
    const { stripe, calls } = fakeStripe(() => json(200, renamed));
    const result = await accountEvaluationsApi(stripe, {
      waitMs: 2_000,
      timeoutMs: 1_000,
    }).evaluate(request);
    expect(result).toEqual({
      kind: "unreadable",
      radarApi: "v2",
      apiVersion: "2026-08-26.preview",
      id: "acctevl_123",
      raw: renamed,
      problem: expect.stringMatching(/^pending_signals:/),
    });
    expect(calls).toHaveLength(1);
  });

  it("reports the decision as an Account Activity, and throws Stripe's error for a retry", async () => {
    const evaluation = {
      radarApi: "v2" as const,
      apiVersion: "2026-08-26.preview",
      stripeId: "acctevl_123",
      eventType: "login" as const,
      stripeCustomerId: "cus_123",
    };
    const activity = { id: "accact_1", object: "v2.signals.account_activity" };
    const { stripe, calls } = fakeStripe((_call, index) =>
      index === 0 ? json(200, activity) : v2Error(503, { type: "api_error", message: "down" }),
    );
    const api = accountEvaluationsApi(stripe, { waitMs: 2_000, timeoutMs: 1_000 });

    await expect(api.report(evaluation, "blocked")).resolves.toBeUndefined();
    const [report] = calls;
    expect(`${report?.method} ${report?.path}`).toBe("POST /v2/signals/account_activity");
    expect(report?.body).toEqual({
      type: "login_decision",
      account_evaluation: "acctevl_123",
      account_details: { customer: "cus_123" },
      login_decision: { status: "blocked" },
    });
    expect(report?.headers.get("idempotency-key")).toBe("activity-acctevl_123-blocked");
    await expect(api.report(evaluation, "blocked")).rejects.toBeInstanceOf(
      Stripe.errors.StripeError,
    );
  });
});
