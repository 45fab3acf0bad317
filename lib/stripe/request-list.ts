import type { Prisma, PrismaClient, StripeRequest } from "@/lib/generated/prisma/client";

/** The inspector's filters, as they stand in its URL. */
export type RequestFilter = {
  evaluation?: string;
  order?: string;
  customer?: string;
  method?: string;
  /** ok: 2xx; error: 4xx or 5xx; none: no response came. */
  outcome?: (typeof REQUEST_OUTCOMES)[number];
  /** A piece of the path, like `payment_intents`. */
  path?: string;
};

export const REQUEST_METHODS = ["GET", "POST", "DELETE"] as const;
export const REQUEST_OUTCOMES = ["ok", "error", "none"] as const;
export const REQUESTS_PER_PAGE = 50;

type SearchParams = Record<string, string | string[] | undefined>;

const single = (value: string | string[] | undefined) => {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text ? text.slice(0, 200) : undefined;
};

const oneOf = <T extends string>(options: readonly T[], value: string | undefined) =>
  options.find((option) => option === value);

/** The filters and the page (`before`: the last ID of the previous page) from the URL. */
export function parseRequestQuery(params: SearchParams): {
  filter: RequestFilter;
  before?: number;
} {
  const filter: RequestFilter = {};
  for (const key of ["evaluation", "order", "customer", "path"] as const) {
    const value = single(params[key]);
    if (value) filter[key] = value;
  }
  const method = oneOf(REQUEST_METHODS, single(params.method)?.toUpperCase());
  if (method) filter.method = method;
  const outcome = oneOf(REQUEST_OUTCOMES, single(params.outcome));
  if (outcome) filter.outcome = outcome;
  const before = Number(single(params.before));
  return Number.isSafeInteger(before) && before > 0 ? { filter, before } : { filter };
}

export function requestsHref(filter: RequestFilter, before?: number): string {
  const query = new URLSearchParams(
    Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  if (before) query.set("before", String(before));
  const text = query.toString();
  return text ? `/dashboard/requests?${text}` : "/dashboard/requests";
}

function whereOf(
  filter: RequestFilter,
  before: number | undefined,
): Prisma.StripeRequestWhereInput {
  const outcome: Record<NonNullable<RequestFilter["outcome"]>, Prisma.StripeRequestWhereInput> = {
    ok: { status: { lt: 400 } },
    error: { status: { gte: 400 } },
    none: { status: null },
  };
  return {
    ...(filter.evaluation ? { evaluationId: filter.evaluation } : {}),
    ...(filter.order ? { orderId: filter.order } : {}),
    ...(filter.customer ? { customerId: filter.customer } : {}),
    ...(filter.method ? { method: filter.method } : {}),
    ...(filter.path ? { path: { contains: filter.path } } : {}),
    ...(filter.outcome ? outcome[filter.outcome] : {}),
    ...(before ? { id: { lt: before } } : {}),
  };
}

/** One page of recorded calls, newest first, and where the next page starts. */
export async function listStripeRequests(
  prisma: PrismaClient,
  filter: RequestFilter,
  before?: number,
): Promise<{ rows: StripeRequest[]; nextBefore: number | null }> {
  const rows = await prisma.stripeRequest.findMany({
    where: whereOf(filter, before),
    orderBy: { id: "desc" },
    take: REQUESTS_PER_PAGE + 1,
  });
  const page = rows.slice(0, REQUESTS_PER_PAGE);
  return {
    rows: page,
    nextBefore: rows.length > REQUESTS_PER_PAGE ? (page.at(-1)?.id ?? null) : null,
  };
}
