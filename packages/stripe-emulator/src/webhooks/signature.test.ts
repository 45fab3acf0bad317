import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { signatureHeader } from "./signature.ts";

describe("signatureHeader", () => {
  const stripe = new Stripe("sk_test_emulator");
  const payload = JSON.stringify({ id: "evt_1", object: "event", type: "customer.created" });
  const secret = "whsec_test_secret";

  it("is verified by stripe.webhooks.constructEvent", () => {
    const header = signatureHeader(payload, secret, Math.floor(Date.now() / 1000));
    expect(stripe.webhooks.constructEvent(payload, header, secret).id).toBe("evt_1");
  });

  it("fails verification with another secret or a changed payload", () => {
    const header = signatureHeader(payload, secret, Math.floor(Date.now() / 1000));
    expect(() => stripe.webhooks.constructEvent(payload, header, "whsec_other")).toThrow();
    expect(() => stripe.webhooks.constructEvent(`${payload} `, header, secret)).toThrow();
  });
});
