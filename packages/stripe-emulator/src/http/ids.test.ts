import { describe, expect, it } from "vitest";
import { newId } from "./ids.ts";

describe("newId", () => {
  it("makes Stripe-style IDs of the requested length", () => {
    expect(newId("cus", 14)).toMatch(/^cus_[0-9A-Za-z]{14}$/);
    expect(newId("cuseval")).toMatch(/^cuseval_[0-9A-Za-z]{24}$/);
  });

  it("does not repeat across many IDs (pool refills included)", () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newId("pi")));
    expect(ids.size).toBe(5000);
  });
});
