import type { ReactNode } from "react";

/**
 * One cell of a list that is a table on wide screens and a card below `sm`: on a phone the
 * column's name is shown beside the value, since the header row is hidden there.
 */
export function RowCell({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 items-center gap-2">
      <span className="w-20 shrink-0 text-xs text-slate-500 sm:hidden">{label}</span>
      {children}
    </div>
  );
}

/**
 * Such a list: a header row (hidden on phones) over its rows; `grid` is the rows' own column
 * template, and `children` are its `<li>` rows.
 */
export function RowList({
  grid,
  columns,
  children,
}: {
  grid: string;
  columns: string[];
  children: ReactNode;
}) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white text-sm">
      <div
        className={`${grid} hidden border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase text-slate-500 sm:grid`}
        aria-hidden="true"
      >
        {columns.map((column) => (
          <span key={column}>{column}</span>
        ))}
      </div>
      <ul className="divide-y divide-slate-100">{children}</ul>
    </div>
  );
}
