import type { CustomerEvaluation as EvaluationRecord } from "@/lib/generated/prisma/client";
import {
  CUSTOMER_EVENT_TYPES,
  type CustomerEvaluationEvent,
  type CustomerEvaluationResult,
  createCustomerEvaluation,
} from "@/lib/radar/customer-evaluation";
import { recordEvaluationTime } from "@/lib/radar/evaluation-latency";
import { saveEvaluationRecord } from "@/lib/radar/evaluation-records";
import { recordOutcome } from "@/lib/radar/outcome-reports";
import { type Decision, decide, withoutDeviceSignal } from "@/lib/radar/policy";
import { claimRadarSession } from "@/lib/radar/radar-session-claims";
import { explanationToStore } from "@/lib/radar/score-explanation";
import type { Services } from "@/lib/services/services";

/** The Stripe Customer to evaluate, or why there is none (Stripe down, no such account). */
export type CustomerToEvaluate = { customer: string } | { customer: null; reason: string };

export type CustomerEvaluationInput = {
  eventType: CustomerEvaluationEvent;
  /** The account's email, lower-cased: the Radar Session is claimed for it. */
  email: string;
  userId?: string;
  radarSession: string | undefined;
  clientIp: string;
  /** Called once the Radar Session is claimed, so a replayed session costs Stripe nothing. */
  resolveCustomer: () => Promise<CustomerToEvaluate>;
  /** Per customer: the same submission sent twice must be the same evaluation. */
  idempotencyKey: (customer: string) => string;
};

export type EvaluatedCustomer =
  | { kind: "evaluated"; decision: Decision; record: EvaluationRecord }
  | { kind: "foreign_radar_session" };

/**
 * The one path every evaluated flow takes: claim the Radar Session for this account and flow ->
 * Customer Evaluation on the customer -> policy -> evaluation saved. The caller then does its
 * own work and reports how it ended with `reportCustomerOutcome`.
 *
 * A missing device signal never helps: without a Radar Session, or with one Stripe does not
 * recognise, the customer is still evaluated and the decision is at least `review`; so is a
 * registration for an email whose sign-up was blocked before, whatever the device.
 */
export async function evaluateCustomer(
  services: Pick<Services, "prisma" | "stripe" | "policy" | "explain">,
  input: CustomerEvaluationInput,
): Promise<EvaluatedCustomer> {
  const { prisma, stripe } = services;
  if (
    input.radarSession &&
    !(await claimRadarSession(prisma, input.radarSession, input.eventType, input.email))
  ) {
    return { kind: "foreign_radar_session" };
  }

  // A blocked sign-up stays remembered: the same email from another device is at least reviewed.
  const [target, blockedBefore] = await Promise.all([
    input.resolveCustomer(),
    input.eventType === "registration" &&
      prisma.customerEvaluation
        .findFirst({
          where: { email: input.email, eventType: "registration", decision: "block" },
          select: { id: true },
        })
        .then((blocked) => blocked !== null),
  ]);
  const evaluationStarted = performance.now();
  let deviceSignal = Boolean(input.radarSession);
  let result: CustomerEvaluationResult =
    target.customer === null
      ? { kind: "unavailable", reason: target.reason }
      : await createCustomerEvaluation(stripe, {
          eventType: input.eventType,
          customer: target.customer,
          radarSession: input.radarSession,
          idempotencyKey: input.idempotencyKey(target.customer),
        });
  if (result.kind === "invalid_radar_session" && target.customer !== null) {
    // A session Stripe never issued is answered like a missing one, so that it tells an
    // attacker nothing about the account (an unknown email has no evaluation to refuse it).
    deviceSignal = false;
    result = await createCustomerEvaluation(stripe, {
      eventType: input.eventType,
      customer: target.customer,
      radarSession: undefined,
      idempotencyKey: `${input.idempotencyKey(target.customer)}-without-radar-session`,
    });
  }
  if (result.kind === "invalid_radar_session") {
    result = { kind: "unavailable", reason: result.reason };
  }

  const signalDecision = decide(
    result.kind === "available" ? result.signal : null,
    services.policy,
  );
  const decision =
    deviceSignal && !blockedBefore ? signalDecision : withoutDeviceSignal(signalDecision);
  const factors = await explanationToStore(
    services.explain,
    result.kind === "available" ? result.evaluation.id : null,
  );
  if (target.customer !== null) recordEvaluationTime(performance.now() - evaluationStarted);
  const record = await saveEvaluationRecord(prisma, {
    eventType: input.eventType,
    result,
    decision,
    email: input.email,
    ...(input.userId ? { userId: input.userId } : {}),
    stripeCustomerId: target.customer,
    radarSession: input.radarSession,
    clientIp: input.clientIp,
    factors,
  });
  return { kind: "evaluated", decision, record };
}

/**
 * Records how the flow ended and reports it to Radar, in the words of the event type's row; a
 * flow that made or found the account links the evaluation to it in the same statement.
 */
export function reportCustomerOutcome(
  services: Pick<Services, "prisma" | "stripe" | "afterResponse">,
  record: Pick<EvaluationRecord, "id" | "eventType" | "stripeId">,
  outcome: keyof (typeof CUSTOMER_EVENT_TYPES)[CustomerEvaluationEvent]["reports"],
  link: { userId?: string } = {},
): Promise<void> {
  return recordOutcome(
    services,
    record,
    CUSTOMER_EVENT_TYPES[record.eventType].reports[outcome],
    link,
  );
}
