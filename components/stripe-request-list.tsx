import Link from "next/link";
import type { ReactNode } from "react";
import { JsonView } from "@/components/json-view";
import { LocalTime } from "@/components/local-time";
import type { StripeRequest } from "@/lib/generated/prisma/client";
import { type RequestFilter, requestsHref } from "@/lib/stripe/request-list";

function StatusBadge({ status }: { status: number | null }) {
  const style =
    status === null
      ? "bg-slate-200 text-slate-700"
      : status < 400
        ? "bg-emerald-100 text-emerald-800"
        : status < 500
          ? "bg-amber-100 text-amber-800"
          : "bg-red-100 text-red-800";
  return (
    <span className={`inline-flex w-fit rounded-full px-2 py-0.5 font-mono text-xs ${style}`}>
      {status ?? "no response"}
    </span>
  );
}

/** The path with a line-break opportunity after each `/`, so a long one wraps between segments. */
function pathWithBreaks(path: string): ReactNode[] {
  const [first = "", ...rest] = path.split("/");
  let prefix = first;
  return [
    first,
    ...rest.flatMap((segment) => {
      prefix = `${prefix}/${segment}`;
      return ["/", <wbr key={prefix} />, segment];
    }),
  ];
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="break-all font-mono text-xs text-slate-800">{children ?? "none"}</dd>
    </div>
  );
}

/** A filter link for an ID the call concerns, so the other calls about it are one click away. */
function Related({ filter, id }: { filter: keyof RequestFilter; id: string | null }) {
  if (!id) return "none";
  return (
    <Link href={requestsHref({ [filter]: id })} className="text-brand-700 underline">
      {id}
    </Link>
  );
}

/**
 * Recorded Stripe calls, newest first. Each is one line on a wide screen and a card on a phone,
 * and opens on its masked request and response bodies.
 */
export function StripeRequestList({ rows }: { rows: StripeRequest[] }) {
  if (rows.length === 0) {
    return (
      <p className="rounded-xl border border-slate-200 bg-white p-6 text-sm text-slate-600">
        No Stripe calls match.
      </p>
    );
  }
  return (
    <ol className="space-y-2" data-testid="stripe-requests">
      {rows.map((row) => (
        <li key={row.id} data-testid="stripe-request">
          <details className="rounded-lg border border-slate-200 bg-white">
            <summary className="grid cursor-pointer grid-cols-[auto_minmax(0,1fr)] items-center gap-x-3 gap-y-1 px-3 py-2 text-sm md:grid-cols-[3.5rem_minmax(0,1fr)_6rem_4.5rem_11rem]">
              <span className="font-mono text-xs font-semibold text-slate-700">{row.method}</span>
              <span className="font-mono text-xs text-slate-900 [overflow-wrap:anywhere]">
                {pathWithBreaks(row.path)}
              </span>
              <StatusBadge status={row.status} />
              <span className="text-xs text-slate-600">{row.durationMs} ms</span>
              <LocalTime
                className="col-span-2 text-xs text-slate-500 md:col-span-1"
                date={row.createdAt}
              />
            </summary>
            <div className="space-y-3 border-t border-slate-100 px-3 py-3">
              <dl className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
                <Detail label="Stripe-Version">{row.apiVersion}</Detail>
                <Detail label="Request ID">{row.requestId}</Detail>
                <Detail label="Idempotency key">{row.idempotencyKey}</Detail>
                <Detail label="Evaluation">
                  <Related filter="evaluation" id={row.evaluationId} />
                </Detail>
                <Detail label="Order">
                  <Related filter="order" id={row.orderId} />
                </Detail>
                <Detail label="Customer">
                  <Related filter="customer" id={row.customerId} />
                </Detail>
              </dl>
              <JsonView value={row.requestBody} label="Request body (masked)" />
              <JsonView value={row.responseBody} label="Response body (masked)" />
            </div>
          </details>
        </li>
      ))}
    </ol>
  );
}
