import { describe, expect, it } from "vitest";
import { FaultInjector, type FaultSpec, parseFault } from "./faults.ts";

function spec(body: Record<string, unknown>): FaultSpec {
  const parsed = parseFault(body);
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
}

describe("FaultInjector", () => {
  it("matches by path prefix and method, and counts down", () => {
    const faults = new FaultInjector();
    faults.add(spec({ path: "/v1/radar", method: "post", status: 500, count: 2 }));
    expect(faults.take("GET", "/v1/radar/customer_evaluations")).toBeUndefined();
    expect(faults.take("POST", "/v1/customers")).toBeUndefined();
    expect(faults.take("POST", "/v1/radar/customer_evaluations")?.status).toBe(500);
    expect(faults.take("POST", "/v1/radar/payment_evaluations")?.status).toBe(500);
    expect(faults.take("POST", "/v1/radar/customer_evaluations")).toBeUndefined();
  });

  it("keeps an unlimited fault until removed", () => {
    const faults = new FaultInjector();
    const fault = faults.add(spec({ path: "/v1/", drop: true }));
    for (let i = 0; i < 5; i++) expect(faults.take("GET", "/v1/events")?.drop).toBe(true);
    expect(faults.remove(fault.id)).toBe(true);
    expect(faults.take("GET", "/v1/events")).toBeUndefined();
  });

  it("rejects unknown fields", () => {
    expect(parseFault({ path: "/v1", statuss: 500 })).toBe("Unknown field: statuss");
    expect(typeof parseFault({ path: "/v1", status: 200 })).toBe("string");
    expect(typeof parseFault({ path: "v1" })).toBe("string");
  });
});
