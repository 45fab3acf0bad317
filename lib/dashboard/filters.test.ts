import { describe, expect, it } from "vitest";
import {
  dashboardHref,
  decodeCursor,
  encodeCursor,
  parseDashboardQuery,
} from "@/lib/dashboard/filters";

describe("the dashboard's query", () => {
  it("reads every filter, ignoring blanks", () => {
    expect(
      parseDashboardQuery({
        event: "login",
        signal: "account_sharing",
        risk: "none",
        decision: "review",
        who: "",
      }),
    ).toEqual({
      filter: { event: "login", signal: "account_sharing", risk: "none", decision: "review" },
      cursor: null,
      errors: [],
    });
  });

  it("filters on the v2 signals too", () => {
    expect(parseDashboardQuery({ signal: "user_account_sharing" }).filter).toEqual({
      signal: "user_account_sharing",
    });
  });

  it("drops a bad value with an error that names it, and keeps the rest", () => {
    const query = parseDashboardQuery({ event: "checkout", risk: "highest", cursor: "x'; --" });
    expect(query.filter).toEqual({ risk: "highest" });
    expect(query.cursor).toBeNull();
    expect(query.errors).toEqual([
      "Unknown event type: choose one from the list.",
      "This page link is not valid: showing the newest page.",
    ]);
  });

  it("lower-cases an email but not a user ID, and refuses an overlong one", () => {
    expect(parseDashboardQuery({ who: " Jenny@Example.COM " }).filter.who).toBe(
      "jenny@example.com",
    );
    expect(parseDashboardQuery({ who: "cmAbC123" }).filter.who).toBe("cmAbC123");
    expect(parseDashboardQuery({ who: "a".repeat(300) }).errors).toHaveLength(1);
  });

  it("round-trips a cursor, and keeps the filters in page links", () => {
    const cursor = { createdAt: new Date("2026-11-29T10:00:00.123Z"), id: "cm123abc" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(dashboardHref({ event: "payment" }, cursor)).toBe(
      `/dashboard?event=payment&cursor=${Date.UTC(2026, 10, 29, 10, 0, 0, 123)}.cm123abc`,
    );
    expect(dashboardHref({})).toBe("/dashboard");
  });
});
