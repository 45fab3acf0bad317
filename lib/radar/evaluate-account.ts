import type {
  CustomerEvaluation as EvaluationRecord,
  Prisma,
  PrismaClient,
} from "@/lib/generated/prisma/client";
import {
  type AccountEvaluationResult,
  type AccountEvent,
  type ClientDetails,
  type RadarApi,
  SIGNAL_NAMES,
} from "@/lib/radar/account-abuse";
import {
  type Decision,
  type Ruling,
  ruling,
  unreadableRuling,
  withoutDeviceSignal,
} from "@/lib/radar/policy";
import { claimRadarSession } from "@/lib/radar/radar-session-claims";
import { explanationToStore } from "@/lib/radar/score-explanation";
import type { Services } from "@/lib/services/services";
import type { CustomerLookup } from "@/lib/stripe/customers";

/**
 * The Stripe Customer to evaluate, or why there is none: missing (Stripe unreachable, or no such
 * account) is evaluated as unavailable; refused (Stripe refused the details) is never an allow.
 */
export type CustomerToEvaluate = CustomerLookup;

export type AccountEvaluationInput = {
  event: AccountEvent;
  /** The account's email, lower-cased: the Radar Session is claimed for it. */
  email: string;
  userId?: string;
  client: ClientDetails;
  /** Called once the Radar Session is claimed, so a replayed session costs Stripe nothing. */
  resolveCustomer: () => Promise<CustomerToEvaluate>;
  /** Per customer: the same submission sent twice must be the same evaluation. */
  idempotencyKey: (customer: string) => string;
};

export type EvaluatedAccount =
  | { kind: "evaluated"; decision: Decision; record: EvaluationRecord }
  /** Stripe refused what the app sent: the record says so, and the person is not let in. */
  | { kind: "refused"; reason: string; param: string | null; record: EvaluationRecord }
  | { kind: "foreign_radar_session" };

/**
 * The one path every evaluated flow takes: claim the Radar Session for this account and flow ->
 * evaluation of the customer by the configured generation -> policy -> evaluation saved. The
 * caller then does its own work and reports how it ended with `reportAccountOutcome`
 * (lib/radar/outcome-reports.ts).
 *
 * A missing device signal never helps: without a Radar Session, or with one Stripe does not
 * recognise, the customer is still evaluated and the decision is at least `review`; so is a
 * registration for an email whose sign-up was blocked before, whatever the device. Only an
 * outage fails open; an answer the app cannot read gets the policy's decision for unreadable
 * answers, and a request Stripe refused is never an allow.
 */
export async function evaluateAccount(
  services: Pick<Services, "prisma" | "radar" | "policy" | "explain">,
  input: AccountEvaluationInput,
): Promise<EvaluatedAccount> {
  const { prisma, radar } = services;
  const { radarSession } = input.client;
  if (radarSession && !(await claimRadarSession(prisma, radarSession, input.event, input.email))) {
    return { kind: "foreign_radar_session" };
  }

  // A blocked sign-up stays remembered: the same email from another device is at least reviewed.
  const [target, blockedBefore] = await Promise.all([
    input.resolveCustomer(),
    input.event === "registration" &&
      prisma.customerEvaluation
        .findFirst({
          where: { email: input.email, eventType: "registration", decision: "block" },
          select: { id: true },
        })
        .then((blocked) => blocked !== null),
  ]);
  const evaluationStarted = performance.now();
  let deviceSignal = Boolean(radarSession);
  let result: AccountEvaluationResult;
  if (target.kind === "found") {
    const request = {
      event: input.event,
      customer: target.customer,
      client: input.client,
      idempotencyKey: input.idempotencyKey(target.customer),
    };
    result = await radar.evaluate(request);
    if (result.kind === "invalid_radar_session") {
      // A session Stripe never issued is answered like a missing one, so that it tells an
      // attacker nothing about the account (an unknown email has no evaluation to refuse it).
      deviceSignal = false;
      result = await radar.evaluate({
        ...request,
        client: { ...input.client, radarSession: undefined },
        idempotencyKey: `${request.idempotencyKey}-without-radar-session`,
      });
    }
    recordEvaluationTime(performance.now() - evaluationStarted);
  } else {
    result =
      target.kind === "refused"
        ? { kind: "refused", reason: `Customer not created: ${target.reason}`, param: target.param }
        : { kind: "unavailable", reason: target.reason };
  }
  if (result.kind === "invalid_radar_session") {
    result = { kind: "unavailable", reason: result.reason };
  }

  const signalRuling = rulingFor(result, services.policy);
  const decision =
    deviceSignal && !blockedBefore
      ? signalRuling.decision
      : withoutDeviceSignal(signalRuling.decision);
  const factors = await explanationToStore(
    services.explain,
    result.kind === "evaluated" ? result.evaluation.id : null,
  );
  const record = await saveEvaluationRecord(prisma, {
    event: input.event,
    radarApi: radar.radarApi,
    result,
    decision,
    email: input.email,
    ...(input.userId ? { userId: input.userId } : {}),
    stripeCustomerId: target.kind === "found" ? target.customer : null,
    radarSession,
    clientIp: input.client.ip,
    factors,
  });
  if (result.kind === "unreadable") {
    console.error(
      `Radar: unreadable ${result.radarApi} evaluation ${result.id ?? "(no ID)"} (record ${record.id}), decided ${decision}: ${result.problem}. Response kept in full on /dashboard/evaluations/${record.id}`,
    );
  }
  if (result.kind === "refused") {
    console.error(
      `Radar: Stripe refused the ${input.event} request (record ${record.id}): ${result.reason}`,
    );
    return { kind: "refused", reason: result.reason, param: result.param, record };
  }
  return { kind: "evaluated", decision, record };
}

function rulingFor(result: AccountEvaluationResult, policy: Services["policy"]): Ruling {
  switch (result.kind) {
    case "evaluated":
      return ruling(result.signal, policy);
    case "unreadable":
      return unreadableRuling(policy);
    case "refused":
      return { decision: "block", rule: "Stripe refused the request: block" };
    default:
      return ruling(null, policy);
  }
}

type EvaluationRecordInput = {
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
async function saveEvaluationRecord(prisma: PrismaClient, input: EvaluationRecordInput) {
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

/**
 * How long a log-in's evaluation usually takes here, so that a log-in for an email with no
 * account (which has no customer to evaluate) can take as long, and the response time does not
 * say whether the account exists. A median of the recent evaluations, kept in the process.
 */
const RECENT = 16;
const recent: number[] = [];
let next = 0;

export function recordEvaluationTime(ms: number): void {
  recent[next] = ms;
  next = (next + 1) % RECENT;
}

export function typicalEvaluationMs(): number {
  if (recent.length === 0) return 0;
  const sorted = [...recent].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
}

/** Waits as long as an evaluation usually takes. */
export function waitAsLongAsAnEvaluation(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, typicalEvaluationMs()));
}
