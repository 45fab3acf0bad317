"use client";

import { useState } from "react";
import type { OutageState } from "@/app/demo/actions";

/** Starts or ends the injected Radar outage and says until when it lasts. */
export function OutageControls({
  start,
  end,
  initiallyDown,
}: {
  start: () => Promise<OutageState>;
  end: () => Promise<OutageState>;
  initiallyDown: boolean;
}) {
  const [state, setState] = useState<OutageState>({ kind: "outage", down: initiallyDown });
  const [pending, setPending] = useState(false);
  const run = async (action: () => Promise<OutageState>) => {
    setPending(true);
    try {
      setState(await action());
    } finally {
      setPending(false);
    }
  };
  const button =
    "rounded-md px-3 py-1.5 text-sm font-semibold shadow-sm disabled:opacity-60 border border-slate-300 bg-white hover:border-brand-600";
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <button type="button" className={button} disabled={pending} onClick={() => run(start)}>
          Make Radar answer 500 for one minute
        </button>
        <button type="button" className={button} disabled={pending} onClick={() => run(end)}>
          End the outage now
        </button>
      </div>
      <p className="text-sm" data-testid="outage-state" aria-live="polite">
        {state.kind === "refused" ? (
          <span className="text-red-700">{state.message}</span>
        ) : state.until ? (
          `Radar is down: evaluations answer 500 until ${new Date(state.until).toLocaleTimeString()}.`
        ) : state.down ? (
          "Radar is down: evaluations answer 500."
        ) : (
          "Radar is up."
        )}
      </p>
    </div>
  );
}
