/** A Stripe object as the API returned it, folded away until asked for. */
export function JsonView({ value, label = "Raw response" }: { value: unknown; label?: string }) {
  if (value === null || value === undefined) return null;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-slate-500 hover:text-slate-800">{label}</summary>
      <pre className="mt-2 max-h-80 overflow-auto rounded-md bg-slate-900 p-3 text-slate-100">
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}
