import type { Cursor, EvaluationFilter } from "@/lib/dashboard/filters";
import type { Decision, Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** One line of the dashboard: a Customer Evaluation or a payment attempt's Payment Evaluation. */
export type EvaluationRow = {
  id: string;
  kind: "customer" | "payment";
  eventType: "registration" | "login" | "payment";
  signal: string | null;
  /** Stripe's ID (cuseval_..., peval_...); null when the evaluation was unavailable. */
  stripeId: string | null;
  score: number | null;
  riskLevel: string | null;
  decision: Decision;
  email: string;
  userId: string | null;
  order: { id: string; number: number } | null;
  createdAt: Date;
};

export type EvaluationPage = { rows: EvaluationRow[]; nextCursor: Cursor | null };

export const PAGE_SIZE = 50;

const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] as const;

/**
 * Rows strictly after the cursor in (createdAt, id) descending order. The bound on `createdAt`
 * alone lets the index start at the cursor instead of skipping every newer row.
 */
function after(cursor: Cursor | null) {
  if (!cursor) return {};
  return {
    createdAt: { lte: cursor.createdAt },
    OR: [{ createdAt: { lt: cursor.createdAt } }, { id: { lt: cursor.id } }],
  };
}

/** Which of the two tables a filter can match at all. */
function sources(filter: EvaluationFilter) {
  const paymentEvent = filter.event === undefined || filter.event === "payment";
  const paymentSignal = filter.signal === undefined || filter.signal === "fraudulent_payment";
  return {
    customer: filter.event !== "payment" && filter.signal !== "fraudulent_payment",
    payment: paymentEvent && paymentSignal && filter.decision !== "review",
  };
}

const riskWhere = (risk: EvaluationFilter["risk"]) =>
  risk === undefined ? {} : { riskLevel: risk === "none" ? null : risk };

export function customerWhere(
  filter: EvaluationFilter,
  cursor: Cursor | null,
): Prisma.CustomerEvaluationWhereInput {
  return {
    ...(filter.event && filter.event !== "payment" ? { eventType: filter.event } : {}),
    ...(filter.signal ? { signal: filter.signal } : {}),
    ...riskWhere(filter.risk),
    ...(filter.decision ? { decision: filter.decision } : {}),
    ...(filter.who
      ? filter.who.includes("@")
        ? { email: filter.who }
        : { userId: filter.who }
      : {}),
    ...after(cursor),
  };
}

export function paymentWhere(
  filter: EvaluationFilter,
  cursor: Cursor | null,
): Prisma.PaymentAttemptWhereInput {
  return {
    ...riskWhere(filter.risk),
    ...(filter.decision ? { decision: filter.decision } : {}),
    ...(filter.who
      ? {
          order: filter.who.includes("@")
            ? { user: { email: filter.who } }
            : { userId: filter.who },
        }
      : {}),
    ...after(cursor),
  };
}

const CUSTOMER_COLUMNS = {
  id: true,
  eventType: true,
  signal: true,
  stripeId: true,
  score: true,
  riskLevel: true,
  decision: true,
  email: true,
  userId: true,
  createdAt: true,
} as const;

const PAYMENT_COLUMNS = {
  id: true,
  paymentEvaluationId: true,
  score: true,
  riskLevel: true,
  decision: true,
  createdAt: true,
  order: { select: { id: true, number: true, userId: true, user: { select: { email: true } } } },
} as const;

function newerFirst(a: EvaluationRow, b: EvaluationRow): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Every Customer Evaluation and Payment Evaluation, newest first, one page at a time. Each table
 * is read by keyset from its (createdAt, id) index, at most one page plus one row, and the two
 * are merged; the last row shown is the next page's cursor.
 */
export async function listEvaluations(
  prisma: PrismaClient,
  filter: EvaluationFilter,
  cursor: Cursor | null,
  pageSize = PAGE_SIZE,
): Promise<EvaluationPage> {
  const from = sources(filter);
  const [customers, payments] = await Promise.all([
    from.customer
      ? prisma.customerEvaluation.findMany({
          where: customerWhere(filter, cursor),
          orderBy: [...NEWEST_FIRST],
          take: pageSize + 1,
          select: CUSTOMER_COLUMNS,
        })
      : [],
    from.payment
      ? prisma.paymentAttempt.findMany({
          where: paymentWhere(filter, cursor),
          orderBy: [...NEWEST_FIRST],
          take: pageSize + 1,
          select: PAYMENT_COLUMNS,
        })
      : [],
  ]);
  const merged: EvaluationRow[] = [
    ...customers.map(({ stripeId, ...row }) => ({
      ...row,
      kind: "customer" as const,
      stripeId,
      order: null,
    })),
    ...payments.map(({ paymentEvaluationId, order, ...row }) => ({
      ...row,
      kind: "payment" as const,
      eventType: "payment" as const,
      signal: "fraudulent_payment",
      stripeId: paymentEvaluationId,
      email: order.user.email,
      userId: order.userId,
      order: { id: order.id, number: order.number },
    })),
  ].sort(newerFirst);
  const rows = merged.slice(0, pageSize);
  const last = rows.at(-1);
  return {
    rows,
    nextCursor:
      merged.length > pageSize && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}
