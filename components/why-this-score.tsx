import type { ScoreWhy } from "@/lib/radar/score-explanation";

const points = (value: number) => (value > 0 ? `+${value}` : String(value));

function StripeModeNote({ customerId }: { customerId: string | null }) {
  const href = customerId
    ? `https://dashboard.stripe.com/test/customers/${encodeURIComponent(customerId)}`
    : "https://dashboard.stripe.com/test/radar";
  return (
    <p className="text-slate-600">
      Stripe returns the score and risk level, not the reasons behind them. Radar's view of this
      customer is in the{" "}
      <a href={href} className="text-brand-700 underline" target="_blank" rel="noreferrer">
        Stripe Dashboard
      </a>
      .
    </p>
  );
}

/** The factors behind one score, each with the points it added, as the emulator computed them. */
export function WhyThisScore({ why }: { why: ScoreWhy }) {
  const { explanation } = why;
  return (
    <div className="space-y-2 text-sm" data-testid="why-this-score">
      <p className="font-medium text-slate-800">
        {why.signal ?? "Signal"}:{" "}
        {why.score === null ? "no score" : `score ${Math.round(why.score)}`}
        {why.riskLevel ? `, ${why.riskLevel}` : ""}
      </p>
      {why.mode === "stripe" ? <StripeModeNote customerId={why.customerId} /> : null}
      {why.unavailableReason ? (
        <div className="space-y-1 text-slate-600" data-testid="why-radar-unavailable">
          <p>
            Radar was down or unreachable, so there is no score to explain: the app went on under
            its policy for a missing signal, which never blocks.
          </p>
          <p className="text-xs">What the app got instead: {why.unavailableReason}</p>
        </div>
      ) : why.mode === "emulator" && !explanation ? (
        <p className="text-slate-600">
          The emulator's explanation could not be read when this evaluation was made.
        </p>
      ) : null}
      {explanation ? (
        <>
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
            {explanation.factors.map((factor) => (
              <li
                key={`${factor.name}-${factor.detail}`}
                className="flex items-start justify-between gap-3 px-3 py-2"
                data-testid="score-factor"
              >
                <span className="min-w-0">
                  <span className="font-mono text-xs text-slate-900">{factor.name}</span>
                  <span className="block break-words text-xs text-slate-500">
                    {factor.detail}
                    {factor.assessed ? "" : " (not assessed)"}
                  </span>
                </span>
                <span
                  className={`shrink-0 font-mono text-xs ${factor.points > 0 ? "text-red-700" : "text-slate-500"}`}
                >
                  {points(factor.points)}
                </span>
              </li>
            ))}
          </ul>
          <p className="text-xs text-slate-500">
            Bands:{" "}
            {Object.entries(explanation.bands)
              .map(([level, range]) => `${level} ${range}`)
              .join(", ")}
            . Devices and customers seen in the last {explanation.window_hours} h count.
          </p>
        </>
      ) : null}
    </div>
  );
}

/** The presenter's "Why?" beside a block or review message; the customer's sentence stays generic. */
export function WhyDisclosure({ why }: { why: ScoreWhy | undefined }) {
  if (!why) return null;
  return (
    <details className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium text-slate-700">
        Why? <span className="font-normal text-slate-500">(demo mode only)</span>
      </summary>
      <div className="mt-2">
        <WhyThisScore why={why} />
      </div>
    </details>
  );
}
