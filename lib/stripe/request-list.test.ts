import { describe, expect, it } from "vitest";
import { parseRequestQuery, requestsHref } from "@/lib/stripe/request-list";

describe("the request inspector's URL", () => {
  it("reads the filters and the page, and ignores what it does not know", () => {
    expect(
      parseRequestQuery({
        evaluation: " cuseval_123 ",
        order: ["order_1", "order_2"],
        method: "post",
        outcome: "error",
        before: "42",
        evil: "x",
      }),
    ).toEqual({
      filter: { evaluation: "cuseval_123", order: "order_1", method: "POST", outcome: "error" },
      before: 42,
    });
    expect(parseRequestQuery({ method: "PATCH", outcome: "maybe", before: "-1" })).toEqual({
      filter: {},
    });
    expect(parseRequestQuery({ path: "x".repeat(500) }).filter.path).toHaveLength(200);
  });

  it("writes the filters and the page back into a link", () => {
    expect(requestsHref({})).toBe("/dashboard/requests");
    expect(requestsHref({ customer: "cus_1", path: "payment intents" }, 7)).toBe(
      "/dashboard/requests?customer=cus_1&path=payment+intents&before=7",
    );
  });
});
