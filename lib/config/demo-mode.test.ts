import { describe, expect, it } from "vitest";
import { isDemoMode } from "@/lib/config/demo-mode";

const emulator = { stripe: { mode: "emulator" } } as const;
const stripe = { stripe: { mode: "stripe" } } as const;

describe("isDemoMode", () => {
  it("is on with the emulator and on a development server, off against Stripe otherwise", () => {
    expect(isDemoMode(emulator as never, "production")).toBe(true);
    expect(isDemoMode(stripe as never, "development")).toBe(true);
    expect(isDemoMode(stripe as never, "production")).toBe(false);
    expect(isDemoMode(stripe as never, "test")).toBe(false);
  });
});
