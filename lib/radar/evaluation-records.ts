import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import {
  CUSTOMER_EVENT_TYPES,
  type CustomerEvaluationEvent,
  type CustomerEvaluationResult,
} from "@/lib/radar/customer-evaluation";
import type { Decision } from "@/lib/radar/policy";

export type EvaluationRecordInput = {
  eventType: CustomerEvaluationEvent;
  result: Exclude<CustomerEvaluationResult, { kind: "invalid_radar_session" }>;
  decision: Decision;
  email: string;
  userId?: string;
  stripeCustomerId: string | null;
  radarSession: string | undefined;
  clientIp: string;
  /** The emulator's explanation of the score, when there is one. */
  factors: Prisma.InputJsonValue | undefined;
};

/**
 * Saves what the app learnt from one Customer Evaluation, or why it has none. A form sent twice
 * gets the same evaluation back from Stripe (idempotency), so rows are keyed on Stripe's ID.
 */
export async function saveEvaluationRecord(prisma: PrismaClient, input: EvaluationRecordInput) {
  const { result } = input;
  const data = {
    eventType: input.eventType,
    email: input.email,
    userId: input.userId ?? null,
    stripeCustomerId: input.stripeCustomerId,
    radarSession: input.radarSession ?? null,
    clientIp: input.clientIp,
    decision: input.decision,
    signal: CUSTOMER_EVENT_TYPES[input.eventType].signal,
    ...(result.kind === "available"
      ? {
          stripeId: result.evaluation.id,
          score: result.signal?.score ?? null,
          riskLevel: result.signal?.risk_level ?? null,
          raw: result.evaluation as unknown as Prisma.InputJsonValue,
          ...(input.factors === undefined ? {} : { factors: input.factors }),
        }
      : { unavailableReason: result.reason }),
  };
  if (result.kind === "unavailable") return prisma.customerEvaluation.create({ data });
  const stripeId = result.evaluation.id;
  // One statement: a concurrent copy of the same submission gets the record the first saved
  // (Prisma sends an upsert whose update names the unique field as INSERT … ON CONFLICT).
  return prisma.customerEvaluation.upsert({
    where: { stripeId },
    create: data,
    update: { stripeId },
  });
}
