"use client";

import { useActionState, useEffect } from "react";
import { type ResetState, resetAction } from "@/app/demo/actions";
import { useDemoRun } from "@/app/demo/demo-run";

/** The reset button, and what the reset did or why it was refused. */
export function ResetForm({ refusal }: { refusal: string | null }) {
  const [state, action, pending] = useActionState<ResetState, FormData>(resetAction, {});
  const { startOver } = useDemoRun();
  useEffect(() => {
    if (state.kind === "reset") startOver();
  }, [state, startOver]);
  return (
    <form action={action} className="space-y-2">
      <button
        type="submit"
        disabled={pending || refusal !== null}
        className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-red-800 disabled:opacity-60"
      >
        {pending ? "Resetting…" : "Reset the demo"}
      </button>
      {refusal || state.message ? (
        <p
          role={state.kind === "reset" ? "status" : "alert"}
          data-testid="reset-message"
          className={`text-sm ${state.kind === "reset" ? "text-emerald-800" : "text-red-700"}`}
        >
          {state.message ?? refusal}
        </p>
      ) : null}
    </form>
  );
}
