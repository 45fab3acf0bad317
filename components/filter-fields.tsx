import Link from "next/link";
import type { ReactNode } from "react";

/** The pieces of a list page's GET filter form: a plain form, so it works without JavaScript. */

const field = "flex min-w-0 flex-col gap-1 text-xs font-medium text-slate-600";
const control =
  "min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900";

export function FilterForm({
  action,
  label,
  children,
}: {
  action: string;
  label: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      aria-label={label}
      className="grid grid-cols-2 gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6"
    >
      {children}
      <div className="col-span-2 flex items-center gap-3 sm:col-span-3 lg:col-span-6">
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          Filter
        </button>
        <Link href={action} className="text-sm text-slate-600 underline hover:text-brand-700">
          Clear
        </Link>
      </div>
    </form>
  );
}

export function SelectFilter({
  name,
  label,
  options,
  value,
}: {
  name: string;
  label: string;
  options: readonly string[];
  value: string | undefined;
}) {
  return (
    <label className={field}>
      {label}
      <select name={name} defaultValue={value ?? ""} className={control}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}

export function TextFilter({
  name,
  label,
  placeholder,
  value,
  wide = false,
}: {
  name: string;
  label: string;
  placeholder: string;
  value: string | undefined;
  wide?: boolean;
}) {
  return (
    <label className={wide ? `${field} col-span-2 sm:col-span-1 lg:col-span-2` : field}>
      {label}
      <input
        type="search"
        name={name}
        defaultValue={value ?? ""}
        placeholder={placeholder}
        className={control}
      />
    </label>
  );
}

/** Keyset pages: back to the newest, and on to the older rows when there are more. */
export function PageLinks({ newest, older }: { newest: string | null; older: string | null }) {
  return (
    <nav className="flex justify-between text-sm" aria-label="Pages">
      {newest ? (
        <Link href={newest} className="text-brand-700">
          ← Newest
        </Link>
      ) : (
        <span />
      )}
      {older ? (
        <Link href={older} className="text-brand-700" data-testid="next-page">
          Older →
        </Link>
      ) : null}
    </nav>
  );
}
