"use client";

import { type RefObject, useEffect, useRef } from "react";

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
