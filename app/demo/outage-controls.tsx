"use client";

import { useEffect, useState } from "react";
import type { OutageState } from "@/app/demo/actions";

/** While Radar is down, how often the page asks whether it is up again. */
const CHECK_EVERY_MS = 5_000;

/**
 * Starts or ends the injected Radar outage and says until when it lasts; when it ends on its
 * own (or from another tab), the page says so without a reload.
 */
export function OutageControls({
  start,
  end,
  status,
  initiallyDown,
}: {
  start: () => Promise<OutageState>;
  end: () => Promise<OutageState>;
  status: () => Promise<OutageState>;
  initiallyDown: boolean;
}) {
  const [state, setState] = useState<OutageState>({ kind: "outage", down: initiallyDown });
  useEffect(() => {
    if (state.kind !== "outage" || !state.down) return;
    const check = async () => {
      const now = await status();
      if (now.kind === "outage" && !now.down)
        setState({ kind: "outage", down: false, ended: true });
    };
    const every = setInterval(check, CHECK_EVERY_MS);
    const atTheEnd = state.until
      ? setTimeout(check, Math.max(0, state.until - Date.now()) + 250)
      : undefined;
    return () => {
      clearInterval(every);
      clearTimeout(atTheEnd);
    };
  }, [state, status]);
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
        ) : state.ended ? (
          "Radar is up again: the outage has ended, and evaluations are scored."
        ) : (
          "Radar is up."
        )}
      </p>
    </div>
  );
}
