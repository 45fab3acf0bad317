import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { classifyStripeFailure, fieldOfParam } from "@/lib/radar/stripe-failure";

const { StripeAPIError, StripeConnectionError, StripeInvalidRequestError, StripePermissionError } =
  Stripe.errors;

describe("classifyStripeFailure", () => {
  it.each([
    ["a time-out or network error", new StripeConnectionError({ message: "timed out" })],
    ["a 500", new StripeAPIError({ statusCode: 500, message: "boom" })],
    ["a 503", new StripeAPIError({ statusCode: 503, message: "down" })],
    ["a 429", new StripeAPIError({ statusCode: 429, message: "slow down" })],
    [
      "a v1 preview the account does not have",
      new StripeInvalidRequestError({
        statusCode: 404,
        message:
          "Unrecognized request URL (POST: /v1/radar/customer_evaluations). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.",
      }),
    ],
    [
      "a v2 preview the account does not have",
      new StripeInvalidRequestError({
        statusCode: 404,
        message: "The API method cannot be found.",
      }),
    ],
    ["something that is not Stripe's", new TypeError("fetch failed")],
  ])("is an outage for %s", (_, error) => {
    expect(classifyStripeFailure(error).kind).toBe("unavailable");
  });

  it.each([
    [
      "a phone Stripe will not store",
      new StripeInvalidRequestError({
        statusCode: 400,
        param: "phone",
        message: "Invalid string: must be at most 20 characters",
      }),
      "phone",
    ],
    [
      "a customer Stripe does not have",
      new StripeInvalidRequestError({
        statusCode: 404,
        code: "resource_missing",
        param: "evaluation_context[0][customer_details][customer]",
        message: "No such customer: 'cus_gone'",
      }),
      "evaluation_context[0][customer_details][customer]",
    ],
    [
      "a key without the permission",
      new StripePermissionError({ statusCode: 403, message: "This key cannot do that" }),
      null,
    ],
  ])("is a refusal for %s, naming Stripe's param", (_, error, param) => {
    expect(classifyStripeFailure(error)).toEqual({
      kind: "refused",
      message: expect.stringContaining(`HTTP ${error.statusCode}`),
      param,
    });
  });

  it("answers a Radar Session Stripe does not know as an invalid session", () => {
    const error = new StripeInvalidRequestError({
      statusCode: 400,
      code: "resource_missing",
      param: "evaluation_context[1][client_details][radar_session]",
      message: "No such radar session",
    });
    expect(classifyStripeFailure(error).kind).toBe("invalid_radar_session");
  });
});

describe("fieldOfParam", () => {
  const fields = ["name", "email", "phone"] as const;
  it.each([
    ["phone", "phone"],
    ["evaluation_context[0][customer_details][customer_data][phone]", "phone"],
    ["evaluation_context[0][customer_details][customer]", undefined],
    ["shipping[phone]", "phone"],
    [null, undefined],
  ])("reads %s as %s", (param, field) => {
    expect(fieldOfParam(param, fields)).toBe(field);
  });
});
