import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES, formTooLarge } from "@/lib/http/form-size";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

describe("formTooLarge", () => {
  it("accepts an ordinary form", () => {
    expect(formTooLarge(form({ name: "Jenny Rosen", email: "jenny@example.com" }))).toBe(false);
  });

  it("refuses a field as large as Next.js's Server Action limit", () => {
    expect(formTooLarge(form({ name: "x".repeat(ACTION_BODY_LIMIT_BYTES) }))).toBe(true);
  });

  it("counts bytes, not characters", () => {
    const thirdOfLimit = Math.ceil(ACTION_BODY_LIMIT_BYTES / 3);
    expect(formTooLarge(form({ name: "€".repeat(thirdOfLimit) }))).toBe(true);
    expect(formTooLarge(form({ name: "e".repeat(thirdOfLimit) }))).toBe(false);
  });

  it("counts files by their size", () => {
    const data = new FormData();
    data.append("upload", new Blob([new Uint8Array(ACTION_BODY_LIMIT_BYTES)]));
    expect(formTooLarge(data)).toBe(true);
  });
});
