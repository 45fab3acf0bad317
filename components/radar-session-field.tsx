"use client";

import { useEffect, useState } from "react";
import { type BrowserStripeConfig, createRadarSession } from "@/lib/stripe/load-stripe-js";

type State = "creating" | "ready" | "unavailable";

/**
 * Starts a Radar Session as the page loads and posts its ID with the form. It never holds the
 * form back: if Stripe.js is slow or fails, the form is sent without one.
 */
export function RadarSessionField({
  stripe,
  renewOn,
  error,
}: {
  stripe: BrowserStripeConfig;
  /** A new value (the form's last answer) starts a new Radar Session. */
  renewOn?: unknown;
  error?: string | undefined;
}) {
  const [radarSession, setRadarSession] = useState<string>();
  const [state, setState] = useState<State>("creating");

  // biome-ignore lint/correctness/useExhaustiveDependencies: renewOn only triggers a new session.
  useEffect(() => {
    let current = true;
    setRadarSession(undefined);
    setState("creating");
    createRadarSession(stripe).then((id) => {
      if (!current) return;
      setRadarSession(id);
      setState(id ? "ready" : "unavailable");
    });
    return () => {
      current = false;
    };
  }, [stripe, renewOn]);

  return (
    <>
      <input
        type="hidden"
        name="radar_session"
        value={radarSession ?? ""}
        data-testid="radar-session"
        data-state={state}
      />
      {error ? (
        <p
          className="text-sm text-red-700"
          role="alert"
          tabIndex={-1}
          data-field-error
          data-testid="radar-session-error"
        >
          {error}
        </p>
      ) : null}
    </>
  );
}
