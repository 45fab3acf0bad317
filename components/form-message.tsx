import { WhyDisclosure } from "@/components/why-this-score";
import type { ScoreWhy } from "@/lib/radar/score-explanation";

/**
 * A message about the whole form, such as a refusal the person should read, and in demo mode
 * the reasons behind it for the presenter. The form brings it into view and focuses it
 * (useOutcomeFocus).
 */
export function FormMessage({
  message,
  why,
}: {
  message?: string | undefined;
  why?: ScoreWhy | undefined;
}) {
  if (!message) return null;
  return (
    <div className="space-y-2">
      <div
        role="alert"
        aria-live="assertive"
        tabIndex={-1}
        data-outcome
        data-testid="form-message"
        className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
      >
        {message}
      </div>
      <WhyDisclosure why={why} />
    </div>
  );
}
