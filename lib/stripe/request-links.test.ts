import { describe, expect, it } from "vitest";
import { requestLinks } from "@/lib/stripe/request-log";

describe("requestLinks", () => {
  it("links a v1 report by its path and a Payment Evaluation by its response", () => {
    expect(requestLinks("/v1/radar/customer_evaluations/cuseval_1/report", {}, {})).toMatchObject({
      evaluationId: "cuseval_1",
    });
    expect(
      requestLinks(
        "/v1/radar/payment_evaluations",
        { metadata: { order_id: "o1" } },
        { id: "peval_2" },
      ),
    ).toEqual({ customerId: null, evaluationId: "peval_2", orderId: "o1" });
  });

  it("links an Account Evaluation's creation, its reads and the Account Activity that reports on it", () => {
    const body = {
      account_details: { customer: "cus_9" },
      requested_signals: ["user_multi_accounting"],
    };
    expect(requestLinks("/v2/signals/account_evaluations", body, { id: "acctevl_3" })).toEqual({
      customerId: "cus_9",
      evaluationId: "acctevl_3",
      orderId: null,
    });
    expect(requestLinks("/v2/signals/account_evaluations/acctevl_3", null, {})).toMatchObject({
      evaluationId: "acctevl_3",
    });
    expect(
      requestLinks(
        "/v2/signals/account_activity",
        { type: "registration_decision", account_evaluation: "acctevl_3" },
        { id: "accact_4", account_evaluation: "acctevl_3" },
      ),
    ).toMatchObject({ evaluationId: "acctevl_3" });
  });

  it("links an Account Activity Stripe did not answer by the evaluation it sent", () => {
    expect(
      requestLinks("/v2/signals/account_activity", { account_evaluation: "acctevl_5" }, null),
    ).toMatchObject({ evaluationId: "acctevl_5" });
  });
});
