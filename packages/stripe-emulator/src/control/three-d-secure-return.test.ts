import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../testing/in-process.ts";

const RETURN_URL = "http://localhost:3000/checkout/complete?order=1";

describe("the 3D Secure page's return_url", () => {
  let emu: TestEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.close());

  /** A PaymentIntent waiting for 3D Secure, confirmed with the shop's return_url. */
  async function challenged() {
    const intent = await emu.stripe.paymentIntents.create({
      amount: 2_000,
      currency: "usd",
      payment_method: "pm_card_threeDSecureRequired",
      confirm: true,
      return_url: RETURN_URL,
    });
    expect(intent.status).toBe("requires_action");
    return { id: intent.id, clientSecret: intent.client_secret ?? "" };
  }

  const complete = (id: string, clientSecret: string, returnUrl: string) =>
    fetch(`${emu.url}/_emulator/3ds/${id}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_secret: clientSecret,
        result: "approve",
        return_url: returnUrl,
      }),
      redirect: "manual",
    });

  it.each([
    ["another site", "http://evil.example/steal"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a malformed URL", "http://["],
  ])("refuses %s with a 400, before authenticating anything", async (_, returnUrl) => {
    const { id, clientSecret } = await challenged();
    const response = await complete(id, clientSecret, returnUrl);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect((await emu.stripe.paymentIntents.retrieve(id)).status).toBe("requires_action");
  });

  it("refuses to show the page for another site's return_url", async () => {
    const { id, clientSecret } = await challenged();
    const page = await fetch(
      `${emu.url}/_emulator/3ds/${id}?client_secret=${clientSecret}&return_url=${encodeURIComponent("http://evil.example/")}`,
    );
    expect(page.status).toBe(400);
  });

  it("redirects to the return_url the PaymentIntent was confirmed with", async () => {
    const { id, clientSecret } = await challenged();
    const response = await complete(id, clientSecret, RETURN_URL);
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(
      "http://localhost:3000/checkout/complete",
    );
    expect(location.searchParams.get("redirect_status")).toBe("succeeded");
    expect((await emu.stripe.paymentIntents.retrieve(id)).status).toBe("succeeded");
  });
});
