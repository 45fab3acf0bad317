"use client";

import { useState } from "react";
import { DEMO_TEST_CARDS } from "@/lib/demo/test-cards";

/** Demo mode: Stripe's test cards, each a click away from the clipboard, for the card field. */
export function TestCardList() {
  const [copied, setCopied] = useState<string>();
  const copy = async (number: string) => {
    await navigator.clipboard?.writeText(number.replaceAll(" ", ""));
    setCopied(number);
  };
  return (
    <details
      className="rounded-md border border-slate-200 bg-white p-4 text-sm"
      data-testid="test-cards"
    >
      <summary className="cursor-pointer font-medium">Test cards</summary>
      <p className="mt-2 text-slate-600">Any future expiry date and any CVC.</p>
      <ul className="mt-2 space-y-2">
        {DEMO_TEST_CARDS.map((card) => (
          <li key={card.number} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <button
              type="button"
              onClick={() => copy(card.number)}
              className="rounded border border-slate-300 px-2 py-0.5 font-mono tabular-nums hover:border-brand-600"
              aria-label={`Copy ${card.number}`}
            >
              {card.number}
            </button>
            <span className="text-slate-600">{card.effect}</span>
            {copied === card.number ? <span className="text-emerald-700">Copied</span> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
