import { describe, expect, it } from "vitest";
import { MASK, maskValue } from "@/lib/stripe/mask-secrets";

const CARD = "4242424242424242";
const SECRETS = [
  CARD,
  "4000002500003155",
  "sk_test_51Habc123DEF456",
  "rk_live_51Habc123DEF456",
  "whsec_abc123DEF456",
  "pi_3Abc123_secret_XyZ789",
  "987",
];

/** Every secret the test planted, in any spelling the masked value could still carry it. */
function leaks(masked: unknown): string[] {
  const text = JSON.stringify(masked);
  const decoded = decodeURIComponent(text);
  return SECRETS.filter((secret) =>
    [text, decoded, text.replace(/[ -]/g, ""), decoded.replace(/[ +-]/g, "")].some((spelling) =>
      spelling.includes(secret),
    ),
  );
}

describe("maskValue", () => {
  it("masks card data by key, however deep, and keeps what is not secret", () => {
    const masked = maskValue({
      amount: 1999,
      payment_method_data: { card: { number: CARD, cvc: "987", exp_month: 12, exp_year: 2030 } },
      customer: "cus_123",
    });
    expect(masked).toEqual({
      amount: 1999,
      payment_method_data: { card: { number: MASK, cvc: MASK, exp_month: 12, exp_year: 2030 } },
      customer: "cus_123",
    });
  });

  it("masks client secrets, API keys and webhook secrets wherever they occur", () => {
    const masked = maskValue({
      id: "pi_3Abc123",
      client_secret: "pi_3Abc123_secret_XyZ789",
      metadata: {
        note: "key sk_test_51Habc123DEF456 and rk_live_51Habc123DEF456, hook whsec_abc123DEF456",
      },
      next_action: {
        redirect_to_url: { url: "http://x/3ds?client_secret=pi_3Abc123_secret_XyZ789" },
      },
    });
    expect(leaks(masked)).toEqual([]);
    expect(JSON.stringify(masked)).toContain("sk_test_[masked]");
    expect((masked as { id: string }).id).toBe("pi_3Abc123");
  });

  it("masks a card number typed with spaces or dashes, or sent as a number", () => {
    const masked = maskValue({
      a: "4242 4242 4242 4242",
      b: "4000-0025-0000-3155",
      c: 4242424242424242,
      list: [{ deep: [{ deeper: `card ${CARD} here` }] }],
    });
    expect(leaks(masked)).toEqual([]);
  });

  it("leaves numbers that are not card numbers alone (timestamps, amounts, IDs)", () => {
    const value = { created: 1764460000, amount: 123456789, ms: 1764460000123, id: "cus_4242" };
    expect(maskValue(value)).toEqual(value);
  });

  it("masks URL-encoded form bodies, encoded keys and percent-encoded values", () => {
    const masked = maskValue({
      raw: `card%5Bnumber%5D=${CARD}&card%5Bcvc%5D=987&amount=100`,
      form: `card[number]=4242+4242+4242+4242&card[cvc]=987`,
      encoded: "4242%204242%204242%204242",
    });
    expect(leaks(masked)).toEqual([]);
    expect((masked as { raw: string }).raw).toContain("amount=100");
  });

  it("masks JSON hidden inside a string", () => {
    const masked = maskValue({
      body: JSON.stringify({ card: { number: CARD, cvc: "987" }, key: "sk_test_51Habc123DEF456" }),
    });
    expect(leaks(masked)).toEqual([]);
  });

  it("masks secrets used as object keys and values under *_secret keys", () => {
    const masked = maskValue({
      [CARD]: "x",
      webhook_signing_secret: "anything at all",
      secret: 987,
    });
    expect(leaks(masked)).toEqual([]);
    expect(JSON.stringify(masked)).not.toContain("anything at all");
  });
});
