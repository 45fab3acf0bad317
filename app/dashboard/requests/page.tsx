import type { Metadata } from "next";
import { FilterForm, PageLinks, SelectFilter, TextFilter } from "@/components/filter-fields";
import { OperatorRefusal } from "@/components/operator-refusal";
import { StripeRequestList } from "@/components/stripe-request-list";
import { checkOperator } from "@/lib/auth/operator";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import {
  listStripeRequests,
  parseRequestQuery,
  REQUEST_METHODS,
  REQUEST_OUTCOMES,
  requestsHref,
} from "@/lib/stripe/request-list";
import { DEFAULT_KEEP } from "@/lib/stripe/request-log";

export const metadata: Metadata = { title: "Stripe requests" };

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
      <FilterForm action="/dashboard/requests" label="Filter Stripe requests">
        <TextFilter
          name="evaluation"
          label="Evaluation"
          placeholder={config.radar.api === "v2" ? "acctevl_..." : "cuseval_..."}
          value={filter.evaluation}
        />
        <TextFilter name="order" label="Order ID" placeholder="order ID" value={filter.order} />
        <TextFilter
          name="customer"
          label="Customer"
          placeholder="cus_..."
          value={filter.customer}
        />
        <TextFilter
          name="path"
          label="Path contains"
          placeholder="payment_intents"
          value={filter.path}
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
      </FilterForm>
      <StripeRequestList rows={page.rows} />
      <PageLinks
        newest={before ? requestsHref(filter) : null}
        older={page.nextBefore ? requestsHref(filter, page.nextBefore) : null}
      />
    </div>
  );
}
