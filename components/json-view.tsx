"use client";

import { collapseAllNested, darkStyles, JsonView as JsonTree } from "react-json-view-lite";
import "react-json-view-lite/dist/index.css";

/**
 * A Stripe object as the API returned it, folded away until asked for, then browsable node by
 * node (react-json-view-lite).
 */
export function JsonView({ value, label = "Raw response" }: { value: unknown; label?: string }) {
  if (value === null || value === undefined) return null;
  return (
    <details className="text-xs" data-testid="json-view">
      <summary className="cursor-pointer text-slate-500 hover:text-slate-800">{label}</summary>
      <div className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-900 p-2">
        <JsonTree
          data={value as object}
          shouldExpandNode={collapseAllNested}
          style={darkStyles}
          clickToExpandNode
        />
      </div>
    </details>
  );
}
