import Stripe from "stripe";
import type { CustomerEvaluation, PrismaClient } from "@/lib/generated/prisma/client";
import type { AccountAbuseApi, AccountOutcome } from "@/lib/radar/account-abuse";
import type { Services } from "@/lib/services/services";

/** Delay before the first retry; each later one doubles it, up to `MAX_RETRY_DELAY_MS`. */
const FIRST_RETRY_DELAY_MS = 10_000;
const MAX_RETRY_DELAY_MS = 60 * 60_000;
/** How long a sender holds a report: well beyond one call with stripe-node's own retries. */
const CLAIM_MS = 2 * 60_000;
/** Stripe's answers that a report will never be accepted; anything else is worth retrying. */
const PERMANENT_FAILURE_STATUSES = new Set([400, 401, 403, 404]);

type Reporter = Pick<AccountAbuseApi, "report">;

/**
 * Records how the flow ended on its evaluation and reports it to Radar, in the words of the
 * generation that made the evaluation; a flow that made or found the account links the
 * evaluation to it in the same statement. If Stripe cannot be reached the report stays pending
 * and `sendPendingReports` retries it, backing off, until Stripe accepts it or refuses it for
 * good: an outcome is never dropped.
 */
export async function reportAccountOutcome(
  { prisma, radar, afterResponse }: Pick<Services, "prisma" | "radar" | "afterResponse">,
  record: CustomerEvaluation,
  outcome: AccountOutcome,
  { now = new Date(), userId }: { now?: Date; userId?: string } = {},
): Promise<void> {
  const { stripeId } = record;
  // One statement: an outcome already reported, refused for good or being sent by another sender
  // stays as it is; the evaluation is linked to the user the flow ended with, when it made or
  // found one; and the report is claimed for this request, which sends it after the response.
  const [claimed] = await prisma.customerEvaluation.updateManyAndReturn({
    where: { id: record.id, reportStatus: { notIn: ["reported", "failed"] }, ...unclaimed(now) },
    data: {
      ...(userId ? { userId } : {}),
      outcome,
      // An evaluation Stripe never made has nothing to report to.
      reportStatus: stripeId ? "pending" : "none",
      reportNextAttemptAt: stripeId ? now : null,
      reportClaimedUntil: stripeId ? claimExpiry(now) : null,
    },
    select: { id: true, reportAttempts: true },
  });
  if (!claimed || !stripeId) return;
  // Saved as pending first: if the process stops before sending, the claim runs out and the
  // background worker sends it.
  await afterResponse(async () => {
    await deliverReport(prisma, radar, { ...record, ...claimed }, stripeId, outcome, now);
  });
}

/**
 * Sends the reports that are due, oldest due first, and returns how many Stripe accepted. The
 * server runs it in the background (lib/startup/background-work.ts); a report another sender
 * holds is left to it.
 */
export async function sendPendingReports(
  prisma: PrismaClient,
  radar: Reporter,
  { now = new Date(), limit = 20 }: { now?: Date; limit?: number } = {},
): Promise<number> {
  const due = await prisma.customerEvaluation.findMany({
    where: {
      reportStatus: "pending",
      stripeId: { not: null },
      outcome: { not: null },
      reportNextAttemptAt: { lte: now },
      ...unclaimed(now),
    },
    orderBy: { reportNextAttemptAt: "asc" },
    take: limit,
  });
  let accepted = 0;
  for (const record of due) {
    if (!record.stripeId || !record.outcome) continue;
    const claimed = await claimReport(prisma, record.id, now);
    if (!claimed) continue;
    const delivered = await deliverReport(
      prisma,
      radar,
      { ...record, ...claimed },
      record.stripeId,
      record.outcome,
      now,
    );
    if (delivered) accepted += 1;
  }
  return accepted;
}

/** Delay before retry number `failures` (1 after the first failure): doubling, half jittered. */
export function retryDelayMs(failures: number, random = Math.random()): number {
  const ceiling = Math.min(FIRST_RETRY_DELAY_MS * 2 ** (failures - 1), MAX_RETRY_DELAY_MS);
  return ceiling / 2 + (ceiling / 2) * random;
}

const claimExpiry = (now: Date) => new Date(now.getTime() + CLAIM_MS);

const unclaimed = (now: Date) => ({
  OR: [{ reportClaimedUntil: null }, { reportClaimedUntil: { lt: now } }],
});

/**
 * Takes a pending report for one worker: an atomic update that succeeds only while no other
 * sender holds it (another worker, or the request that claimed it with its outcome), so no report
 * is sent twice at once. Returns the claimed record's attempts so far, or null.
 */
async function claimReport(
  prisma: PrismaClient,
  recordId: string,
  now: Date,
): Promise<Pick<CustomerEvaluation, "id" | "reportAttempts"> | null> {
  const [claimed] = await prisma.customerEvaluation.updateManyAndReturn({
    where: { id: recordId, reportStatus: "pending", ...unclaimed(now) },
    data: { reportClaimedUntil: claimExpiry(now) },
    select: { id: true, reportAttempts: true },
  });
  return claimed ?? null;
}

/** Sends one claimed report and records the answer, releasing the claim. */
async function deliverReport(
  prisma: PrismaClient,
  radar: Reporter,
  record: Pick<
    CustomerEvaluation,
    "id" | "reportAttempts" | "radarApi" | "apiVersion" | "eventType" | "stripeCustomerId"
  >,
  stripeId: string,
  outcome: AccountOutcome,
  now: Date,
): Promise<boolean> {
  const attempts = record.reportAttempts + 1;
  try {
    await radar.report({ ...record, stripeId }, outcome);
    await prisma.customerEvaluation.update({
      where: { id: record.id },
      data: {
        reportStatus: "reported",
        reportedAt: now,
        reportError: null,
        reportAttempts: attempts,
        reportNextAttemptAt: null,
        reportClaimedUntil: null,
      },
    });
    return true;
  } catch (error) {
    const refused =
      error instanceof Stripe.errors.StripeError &&
      PERMANENT_FAILURE_STATUSES.has(error.statusCode ?? 0);
    await prisma.customerEvaluation.update({
      where: { id: record.id },
      data: {
        reportAttempts: attempts,
        reportError: describeFailure(error),
        reportClaimedUntil: null,
        ...(refused
          ? { reportStatus: "failed", reportNextAttemptAt: null }
          : { reportNextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }),
      },
    });
    return false;
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof Stripe.errors.StripeError) {
    return `${error.statusCode ? `HTTP ${error.statusCode} ` : ""}${error.type}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
