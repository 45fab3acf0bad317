import type { FieldErrors, RegistrationForm } from "@/lib/accounts/forms";
import {
  claimRadarSession,
  FOREIGN_RADAR_SESSION,
  radarSessionBelongsToAnother,
} from "@/lib/accounts/radar-session-owner";
import type { AccountServices } from "@/lib/accounts/services";
import { customerForRegistration } from "@/lib/accounts/stripe-customer";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { isUniqueViolation } from "@/lib/db/errors";
import {
  type CustomerEvaluationResult,
  createCustomerEvaluation,
  decisionFor,
} from "@/lib/radar/customer-evaluation";
import { saveEvaluationRecord } from "@/lib/radar/evaluation-records";
import { recordOutcome } from "@/lib/radar/outcome-reports";
import { classifyStripeFailure } from "@/lib/radar/stripe-failure";

export type RegistrationResult =
  | { kind: "registered"; userId: string; decision: "allow" | "review"; evaluationRecordId: string }
  | { kind: "blocked"; evaluationRecordId: string }
  | { kind: "invalid"; fieldErrors: FieldErrors };

const EMAIL_TAKEN = "An account with this email already exists. Log in instead.";

/**
 * Registration, scored for multi-accounting: Stripe Customer -> Customer Evaluation -> policy
 * -> user saved with its customer and evaluation (or not, when blocked) -> outcome reported.
 */
export async function registerUser(
  services: AccountServices,
  form: RegistrationForm,
): Promise<RegistrationResult> {
  const { prisma, stripe } = services;
  if (await prisma.user.findUnique({ where: { email: form.email }, select: { id: true } })) {
    return { kind: "invalid", fieldErrors: { email: EMAIL_TAKEN } };
  }
  if (await radarSessionBelongsToAnother(prisma, form.radar_session, form.email)) {
    return { kind: "invalid", fieldErrors: { radar_session: FOREIGN_RADAR_SESSION } };
  }

  let customer: string | null = null;
  let evaluation: CustomerEvaluationResult;
  try {
    customer = await customerForRegistration(prisma, stripe, form);
    evaluation = await createCustomerEvaluation(stripe, {
      eventType: "registration",
      customer,
      radarSession: form.radar_session,
      // The same registration sent twice is the same evaluation.
      idempotencyKey: `registration-evaluation-${customer}-${form.radar_session ?? "none"}`,
    });
  } catch (error) {
    // No customer: nothing to evaluate. Fail open; the customer is created at the next log-in.
    evaluation = {
      status: "unavailable",
      reason: `Customer not created: ${classifyStripeFailure(error).message}`,
    };
  }
  if (evaluation.status === "invalid_radar_session") {
    return { kind: "invalid", fieldErrors: { radar_session: FOREIGN_RADAR_SESSION } };
  }

  const decision = decisionFor(evaluation, services.policy);
  const record = await saveEvaluationRecord(prisma, {
    eventType: "registration",
    result: evaluation,
    decision,
    email: form.email,
    stripeCustomerId: customer,
    radarSession: form.radar_session,
  });

  if (decision === "block") {
    await recordOutcome(prisma, stripe, record.id, {
      type: "registration_failed",
      reason: "suspected_multi_accounting",
    });
    return { kind: "blocked", evaluationRecordId: record.id };
  }

  const userId = await saveUser(services, form, customer, decision, record.id);
  if (!userId) return { kind: "invalid", fieldErrors: { email: EMAIL_TAKEN } };
  await recordOutcome(prisma, stripe, record.id, { type: "registration_success" });
  return { kind: "registered", userId, decision, evaluationRecordId: record.id };
}

/**
 * Saves the user, or finds the one a concurrent copy of the same submission saved first (same
 * customer, same password). Returns null when the email belongs to somebody else.
 */
async function saveUser(
  { prisma }: AccountServices,
  form: RegistrationForm,
  stripeCustomerId: string | null,
  decision: "allow" | "review",
  evaluationRecordId: string,
): Promise<string | null> {
  try {
    const [user] = await prisma.$transaction([
      prisma.user.create({
        data: {
          email: form.email,
          name: form.name,
          phone: form.phone ?? null,
          passwordHash: await hashPassword(form.password),
          stripeCustomerId,
          needsReview: decision === "review",
          evaluations: { connect: { id: evaluationRecordId } },
        },
      }),
      prisma.registrationAttempt.deleteMany({ where: { email: form.email } }),
    ]);
    await claimRadarSession(prisma, form.radar_session, user.id);
    return user.id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const twin = await prisma.user.findUnique({ where: { email: form.email } });
    const sameSubmission =
      twin &&
      twin.stripeCustomerId === stripeCustomerId &&
      (await verifyPassword(twin.passwordHash, form.password));
    return sameSubmission ? twin.id : null;
  }
}
