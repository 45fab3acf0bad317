import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../testing/in-process.ts";

const NUMBER = "4000056655665556";
/** Every spelling of the number a log reader could turn back into it. */
const SPELLINGS = [NUMBER, "4000 0566 5566 5556", "4000-0566-5566-5556"];

/** Card numbers sent where the emulator does not expect them, each logged as it came. */
const BODIES: Array<[string, string, string]> = [
  [
    "a name field",
    "application/x-www-form-urlencoded",
    `type=card&billing_details[name]=${NUMBER}`,
  ],
  ["a list key", "application/x-www-form-urlencoded", `type=card&card[number][]=${NUMBER}`],
  [
    "a double-encoded key",
    "application/x-www-form-urlencoded",
    `type=card&card%255Bnumber%255D=${NUMBER}`,
  ],
  [
    "spaces and dashes",
    "application/x-www-form-urlencoded",
    "type=card&metadata[a]=4000+0566+5566+5556&metadata[b]=4000-0566-5566-5556&metadata[c]=4000%200566%205566%205556",
  ],
  ["a JSON body", "application/json", JSON.stringify({ card: { pan: `${NUMBER}` } })],
  [
    "percent-encoded digits",
    "application/x-www-form-urlencoded",
    `description=${[...NUMBER].map((digit) => `%3${digit}`).join("")}`,
  ],
];

describe("the request log against card numbers in any field or encoding", () => {
  let emu: TestEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.close());

  const logged = async (requestId: string | null) => {
    const response = await fetch(`${emu.url}/_emulator/requests/${requestId}`, {
      headers: emu.controlHeaders,
    });
    expect(response.status).toBe(200);
    return response.text();
  };

  it.each(BODIES)("keeps no full card number sent in %s", async (_, contentType, body) => {
    const response = await fetch(`${emu.url}/v1/payment_methods`, {
      method: "POST",
      headers: { Authorization: "Bearer sk_test_emulator", "Content-Type": contentType },
      body,
    });
    const text = await logged(response.headers.get("request-id"));
    let decoded = text;
    for (let round = 0; round < 3; round++) {
      decoded = decodeURIComponent(decoded.replace(/%(?![0-9a-f]{2})/gi, "%25"));
    }
    for (const spelling of SPELLINGS) {
      expect(text).not.toContain(spelling);
      expect(decoded).not.toContain(spelling);
    }
  });

  it("leaves digits that are not card numbers alone", async () => {
    const body =
      "amount=1999&currency=usd&metadata[order]=123456789012&metadata[id]=40000566556655560000";
    const response = await fetch(`${emu.url}/v1/payment_intents`, {
      method: "POST",
      headers: {
        Authorization: "Bearer sk_test_emulator",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body,
    });
    const text = await logged(response.headers.get("request-id"));
    expect(text).toContain("123456789012");
    expect(text).toContain("40000566556655560000");
  });
});
