import { describe, expect, it } from "vitest";
import { StripeError } from "./errors.ts";
import { DEFAULT_API_VERSION, parseApiVersion, versionBefore } from "./versions.ts";

describe("parseApiVersion", () => {
  it("accepts dated versions with and without a release name", () => {
    expect(parseApiVersion("2026-01-28.preview")).toBe("2026-01-28.preview");
    expect(parseApiVersion("2026-10-28.endive")).toBe("2026-10-28.endive");
    expect(parseApiVersion("2024-06-20")).toBe("2024-06-20");
    expect(parseApiVersion(undefined)).toBe(DEFAULT_API_VERSION);
  });

  it.each(["latest", "2026-13-01", "2026-02-30", "2026-03-04.", "2026-03-04.Preview", "20260304"])(
    "rejects %s",
    (value) => {
      expect(() => parseApiVersion(value)).toThrow(StripeError);
    },
  );

  it("compares versions by date", () => {
    expect(versionBefore("2026-01-28.preview", "2026-03-25")).toBe(true);
    expect(versionBefore("2026-10-28.endive", "2026-03-25")).toBe(false);
  });
});
