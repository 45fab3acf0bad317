import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type {
  AccountEvaluationResult,
  AccountEvent,
  AccountSignalName,
  RadarApi,
} from "@/lib/radar/account-abuse";
import type { Decision } from "@/lib/radar/policy";

/** The signal each generation scores each flow on, as saved when the evaluation has none. */
const SIGNAL_NAMES: Record<RadarApi, Record<AccountEvent, AccountSignalName>> = {
  v1: { registration: "multi_accounting", login: "account_sharing" },
  v2: { registration: "user_multi_accounting", login: "user_account_sharing" },
};

export type EvaluationRecordInput = {
  event: AccountEvent;
  /** The generation the app called. */
  radarApi: RadarApi;
  result: Exclude<AccountEvaluationResult, { kind: "invalid_radar_session" }>;
  decision: Decision;
  email: string;
  userId?: string;
  stripeCustomerId: string | null;
  radarSession: string | undefined;
  clientIp: string;
  /** The emulator's explanation of the score, when there is one. */
  factors: Prisma.InputJsonValue | undefined;
};

const json = (value: unknown) => value as Prisma.InputJsonValue;

/** What each kind of answer adds to the row: Stripe's ID and body are kept whenever they came. */
function answer(result: EvaluationRecordInput["result"]) {
  switch (result.kind) {
    case "evaluated":
      return {
        stripeId: result.evaluation.id,
        apiVersion: result.evaluation.apiVersion,
        score: result.signal?.score ?? null,
        riskLevel: result.signal?.riskLevel ?? null,
        raw: json(result.evaluation.raw),
      };
    case "pending":
      return {
        stripeId: result.evaluation.id,
        apiVersion: result.evaluation.apiVersion,
        raw: json(result.evaluation.raw),
        unavailableReason: result.reason,
      };
    case "unreadable":
      return {
        stripeId: result.id,
        apiVersion: result.apiVersion,
        raw: json(result.raw ?? null),
        unreadableReason: result.problem,
      };
    case "unavailable":
      return { unavailableReason: result.reason };
    case "refused":
      return { refusedReason: result.reason };
  }
}

/**
 * Saves what the app learnt from one evaluation, or why it has none. A form sent twice gets the
 * same evaluation back from Stripe (idempotency), so rows with Stripe's ID are keyed on it.
 */
export async function saveEvaluationRecord(prisma: PrismaClient, input: EvaluationRecordInput) {
  const { result } = input;
  const fromAnswer: { stripeId?: string | null } & ReturnType<typeof answer> = answer(result);
  const data = {
    eventType: input.event,
    radarApi: input.radarApi,
    email: input.email,
    userId: input.userId ?? null,
    stripeCustomerId: input.stripeCustomerId,
    radarSession: input.radarSession ?? null,
    clientIp: input.clientIp,
    decision: input.decision,
    signal:
      result.kind === "evaluated" && result.signal
        ? result.signal.name
        : SIGNAL_NAMES[input.radarApi][input.event],
    ...fromAnswer,
    ...(input.factors === undefined ? {} : { factors: input.factors }),
  };
  const { stripeId } = fromAnswer;
  if (!stripeId) return prisma.customerEvaluation.create({ data });
  // One statement: a concurrent copy of the same submission gets the record the first saved
  // (Prisma sends an upsert whose update names the unique field as INSERT … ON CONFLICT).
  return prisma.customerEvaluation.upsert({
    where: { stripeId },
    create: data,
    update: { stripeId },
  });
}
