import type { Metadata } from "next";
import Link from "next/link";
import { OperatorRefusal } from "@/components/operator-refusal";
import { StripeRequestList } from "@/components/stripe-request-list";
import { checkOperator } from "@/lib/auth/operator";
import { db } from "@/lib/db/client";
import {
  listStripeRequests,
  parseRequestQuery,
  REQUEST_METHODS,
  REQUEST_OUTCOMES,
  type RequestFilter,
  requestsHref,
} from "@/lib/stripe/request-list";
import { DEFAULT_KEEP } from "@/lib/stripe/request-log";

export const metadata: Metadata = { title: "Stripe requests" };

const field = "flex min-w-0 flex-col gap-1 text-xs font-medium text-slate-600";
const input =
  "min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900";

function TextFilter({
  name,
  label,
  placeholder,
  filter,
}: {
  name: "evaluation" | "order" | "customer" | "path";
  label: string;
  placeholder: string;
  filter: RequestFilter;
}) {
  return (
    <label className={field}>
      {label}
      <input
        type="search"
        name={name}
        defaultValue={filter[name] ?? ""}
        placeholder={placeholder}
        className={input}
      />
    </label>
  );
}

function SelectFilter({
  name,
  label,
  options,
  value,
}: {
  name: "method" | "outcome";
  label: string;
  options: readonly string[];
  value: string | undefined;
}) {
  return (
    <label className={field}>
      {label}
      <select name={name} defaultValue={value ?? ""} className={input}>
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

export default async function StripeRequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // The calls carry other people's customers and orders: operators only (open with the emulator).
  const access = await checkOperator();
  if (access.kind === "refused") return <OperatorRefusal access={access} />;
  const { filter, before } = parseRequestQuery(await searchParams);
  const page = await listStripeRequests(db(), filter, before);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Stripe requests</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every call this server made to Stripe, newest first, as its Stripe client recorded it (so
          Stripe test mode is recorded too): card numbers, CVCs, client secrets and keys are masked
          before they are stored. The newest {DEFAULT_KEEP.toLocaleString("en-US")} are kept. Open a
          call for its bodies.
        </p>
      </div>
      <form
        method="get"
        action="/dashboard/requests"
        aria-label="Filter Stripe requests"
        className="grid grid-cols-2 gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6"
      >
        <TextFilter
          name="evaluation"
          label="Evaluation"
          placeholder="cuseval_..."
          filter={filter}
        />
        <TextFilter name="order" label="Order ID" placeholder="order ID" filter={filter} />
        <TextFilter name="customer" label="Customer" placeholder="cus_..." filter={filter} />
        <TextFilter
          name="path"
          label="Path contains"
          placeholder="payment_intents"
          filter={filter}
        />
        <SelectFilter
          name="method"
          label="Method"
          options={REQUEST_METHODS}
          value={filter.method}
        />
        <SelectFilter
          name="outcome"
          label="Outcome"
          options={REQUEST_OUTCOMES}
          value={filter.outcome}
        />
        <div className="col-span-2 flex items-center gap-3 sm:col-span-3 lg:col-span-6">
          <button
            type="submit"
            className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white"
          >
            Filter
          </button>
          <Link href="/dashboard/requests" className="text-sm text-slate-600 underline">
            Clear
          </Link>
        </div>
      </form>
      <StripeRequestList rows={page.rows} />
      <nav className="flex justify-between text-sm" aria-label="Pages">
        {before ? (
          <Link href={requestsHref(filter)} className="text-brand-600">
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {page.nextBefore ? (
          <Link href={requestsHref(filter, page.nextBefore)} className="text-brand-600">
            Older →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
