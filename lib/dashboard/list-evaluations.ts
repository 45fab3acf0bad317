import type { Cursor, EvaluationFilter } from "@/lib/dashboard/filters";
import { type Decision, Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

/** One line of the dashboard: a Customer Evaluation or a payment attempt's Payment Evaluation. */
export type EvaluationRow = {
  id: string;
  kind: "customer" | "payment";
  eventType: "registration" | "login" | "payment";
  signal: string | null;
  /** Stripe's ID (cuseval_..., acctevl_..., peval_...); null when the evaluation was unavailable. */
  stripeId: string | null;
  /** Why the decision was taken without a signal (an outage, an evaluation not complete in time). */
  unavailableReason: string | null;
  score: number | null;
  riskLevel: string | null;
  decision: Decision;
  /** The outcome reported to Radar (a Customer Evaluation's); null for payments. */
  outcome: string | null;
  email: string;
  userId: string | null;
  order: { id: string; number: number } | null;
  createdAt: Date;
};

export type EvaluationPage = { rows: EvaluationRow[]; nextCursor: Cursor | null };

export const PAGE_SIZE = 50;

type SqlRow = Omit<EvaluationRow, "order"> & {
  orderId: string | null;
  orderNumber: number | null;
};

/** Which of the two tables a filter can match at all. */
function sources(filter: EvaluationFilter) {
  return {
    customer: filter.event !== "payment" && filter.signal !== "fraudulent_payment",
    payment:
      (filter.event === undefined || filter.event === "payment") &&
      (filter.signal === undefined || filter.signal === "fraudulent_payment"),
  };
}

const byEmail = (who: string) => who.includes("@");

/** The columns are `timestamp` in UTC: the time is sent as text, so no time zone applies. */
const utcTimestamp = (date: Date) => date.toISOString().replace("Z", "");

/** The conditions both tables share: risk level, decision and the keyset position. */
function sharedConditions(alias: string, filter: EvaluationFilter, cursor: Cursor | null) {
  const column = (name: string) => Prisma.raw(`${alias}."${name}"`);
  const conditions: Prisma.Sql[] = [];
  if (filter.risk === "none") conditions.push(Prisma.sql`${column("riskLevel")} IS NULL`);
  else if (filter.risk) conditions.push(Prisma.sql`${column("riskLevel")} = ${filter.risk}`);
  if (filter.decision) {
    conditions.push(Prisma.sql`${column("decision")} = ${filter.decision}::"Decision"`);
  }
  if (cursor) {
    // A row comparison, which PostgreSQL reads straight off the (createdAt, id) indexes.
    conditions.push(
      Prisma.sql`(${column("createdAt")}, ${column("id")}) < (${utcTimestamp(cursor.createdAt)}::timestamp(3), ${cursor.id})`,
    );
  }
  return conditions;
}

const where = (conditions: Prisma.Sql[]) =>
  conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;

function customerQuery(filter: EvaluationFilter, cursor: Cursor | null, limit: number) {
  const conditions = sharedConditions("e", filter, cursor);
  if (filter.event && filter.event !== "payment") {
    conditions.push(Prisma.sql`e."eventType" = ${filter.event}::"EvaluationEvent"`);
  }
  if (filter.signal) conditions.push(Prisma.sql`e."signal" = ${filter.signal}`);
  if (filter.who) {
    conditions.push(
      byEmail(filter.who)
        ? Prisma.sql`e."email" = ${filter.who}`
        : Prisma.sql`e."userId" = ${filter.who}`,
    );
  }
  return Prisma.sql`(
    SELECT e."id", 'customer' AS "kind", e."eventType"::text AS "eventType", e."signal",
      e."stripeId", e."unavailableReason", e."score", e."riskLevel",
      e."decision"::text AS "decision", e."outcome"::text AS "outcome", e."email",
      e."userId", NULL::text AS "orderId", NULL::integer AS "orderNumber", e."createdAt"
    FROM "CustomerEvaluation" e
    ${where(conditions)}
    ORDER BY e."createdAt" DESC, e."id" DESC
    LIMIT ${limit})`;
}

function paymentQuery(filter: EvaluationFilter, cursor: Cursor | null, limit: number) {
  const conditions = sharedConditions("a", filter, cursor);
  if (filter.who) {
    conditions.push(
      byEmail(filter.who)
        ? Prisma.sql`u."email" = ${filter.who}`
        : Prisma.sql`o."userId" = ${filter.who}`,
    );
  }
  return Prisma.sql`(
    SELECT a."id", 'payment' AS "kind", 'payment' AS "eventType",
      'fraudulent_payment' AS "signal", a."paymentEvaluationId" AS "stripeId",
      a."unavailableReason", a."score",
      a."riskLevel", a."decision"::text AS "decision", NULL::text AS "outcome", u."email",
      o."userId",
      o."id" AS "orderId", o."number" AS "orderNumber", a."createdAt"
    FROM "PaymentAttempt" a
    JOIN "Order" o ON o."id" = a."orderId"
    JOIN "User" u ON u."id" = o."userId"
    ${where(conditions)}
    ORDER BY a."createdAt" DESC, a."id" DESC
    LIMIT ${limit})`;
}

/**
 * Every Customer Evaluation and Payment Evaluation, newest first, one page at a time, in one
 * statement: each table is read by keyset from its (createdAt, id) index, at most one page plus
 * one row, and the two are merged; the last row shown is the next page's cursor.
 */
export async function listEvaluations(
  prisma: PrismaClient,
  filter: EvaluationFilter,
  cursor: Cursor | null,
  pageSize = PAGE_SIZE,
): Promise<EvaluationPage> {
  const from = sources(filter);
  const branches = [
    ...(from.customer ? [customerQuery(filter, cursor, pageSize + 1)] : []),
    ...(from.payment ? [paymentQuery(filter, cursor, pageSize + 1)] : []),
  ];
  if (!branches.length) return { rows: [], nextCursor: null };
  const found = await prisma.$queryRaw<SqlRow[]>`
    SELECT * FROM (${Prisma.join(branches, " UNION ALL ")}) AS "evaluations"
    ORDER BY "createdAt" DESC, "id" DESC
    LIMIT ${pageSize + 1}`;
  const rows = found.slice(0, pageSize).map(({ orderId, orderNumber, ...row }) => ({
    ...row,
    createdAt: new Date(row.createdAt),
    order: orderId && orderNumber !== null ? { id: orderId, number: orderNumber } : null,
  }));
  const last = rows.at(-1);
  return {
    rows,
    nextCursor: found.length > pageSize && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}
