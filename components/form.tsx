"use client";

import { type InputHTMLAttributes, type RefObject, useEffect, useRef } from "react";
import { WhyDisclosure } from "@/components/why-this-score";
import type { ScoreWhy } from "@/lib/radar/score-explanation";

/**
 * A message about the whole form, such as a refusal the person should read, and in demo mode
 * the reasons behind it for the presenter. The form brings it into view and focuses it
 * (useOutcomeFocus, below).
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

/**
 * After each answer to a form, brings what the answer says into view and moves focus to it: the
 * form's message (a block, an error), else the first field or card error. On a phone the message
 * sits far above the button that was pressed; focus also makes screen readers read it.
 */
export function useOutcomeFocus(
  form: RefObject<HTMLFormElement | null>,
  answer: unknown,
  ...alsoAnswers: [unknown?, unknown?]
): void {
  const [second, third] = alsoAnswers;
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per answer, whatever it says.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const target = form.current?.querySelector<HTMLElement>(
      '[data-outcome], [aria-invalid="true"], [data-field-error]',
    );
    if (!target) return;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center", behavior: "instant" });
  }, [answer, second, third]);
}

type FormFieldProps = InputHTMLAttributes<HTMLInputElement> & {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string;
};

/** A labelled input with its error beside it, announced to screen readers. */
export function FormField({ name, label, error, hint, ...input }: FormFieldProps) {
  const errorId = `${name}-error`;
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={`block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-brand-600 ${
          error ? "border-red-500" : "border-slate-300"
        }`}
        {...input}
      />
      {hint && !error ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
