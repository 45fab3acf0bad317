import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { WhyDisclosure, WhyThisScore } from "@/components/why-this-score";
import type { ScoreWhy } from "@/lib/radar/score-explanation";

const why: ScoreWhy = {
  signal: "multi_accounting",
  score: 78.4,
  riskLevel: "highest",
  mode: "emulator",
  explanation: {
    factors: [
      { name: "base", detail: "every evaluation starts here", points: 10, assessed: true },
      { name: "device_reuse", detail: "2 other customer(s)", points: 68, assessed: true },
      { name: "shared_ip", detail: "no Radar Session", points: 0, assessed: false },
    ],
    bands: { highest: "75-100", elevated: "65-74", normal: "0-64" },
    window_hours: 24,
  },
  customerId: "cus_123",
  unavailableReason: null,
};

describe("WhyThisScore", () => {
  it("lists each factor with the points it added, and the score as Stripe sends it", () => {
    const html = renderToStaticMarkup(<WhyThisScore why={why} />);
    expect(html).toContain("multi_accounting: score 78, highest");
    expect(html).toContain("device_reuse");
    expect(html).toContain("+68");
    expect(html).toContain("(not assessed)");
    expect(html).toContain("highest 75-100");
    expect(html).not.toContain("dashboard.stripe.com");
  });

  it("says what Stripe returns, and links to its Dashboard, in Stripe mode", () => {
    const html = renderToStaticMarkup(
      <WhyThisScore why={{ ...why, mode: "stripe", explanation: null }} />,
    );
    expect(html).toContain("Stripe returns the score and risk level, not the reasons");
    expect(html).toContain('href="https://dashboard.stripe.com/test/customers/cus_123"');
    expect(html).not.toContain("score-factor");
  });

  it("says so when the emulator's explanation could not be read", () => {
    const html = renderToStaticMarkup(<WhyThisScore why={{ ...why, explanation: null }} />);
    expect(html).toContain("could not be read");
  });

  it("says that Radar was down when the evaluation could not be had, not that it could not be read", () => {
    const html = renderToStaticMarkup(
      <WhyThisScore
        why={{
          ...why,
          score: null,
          riskLevel: null,
          explanation: null,
          unavailableReason: "Stripe answered 500",
        }}
      />,
    );
    expect(html).toContain("Radar was down or unreachable, so there is no score to explain");
    expect(html).toContain("What the app got instead: Stripe answered 500");
    expect(html).not.toContain("could not be read");
  });

  it("shows no disclosure without a why (outside demo mode)", () => {
    expect(renderToStaticMarkup(<WhyDisclosure why={undefined} />)).toBe("");
  });
});
