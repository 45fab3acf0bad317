import type { FieldErrors, LoginForm } from "@/lib/accounts/forms";
import {
  claimRadarSession,
  FOREIGN_RADAR_SESSION,
  radarSessionBelongsToAnother,
} from "@/lib/accounts/radar-session-owner";
import type { AccountServices } from "@/lib/accounts/services";
import { ensureCustomerForUser } from "@/lib/accounts/stripe-customer";
import { clearLoginFailures, loginBlockedFor, recordLoginFailure } from "@/lib/auth/login-throttle";
import { verifyAgainstDecoy, verifyPassword } from "@/lib/auth/passwords";
import { createCustomerEvaluation, decisionFor } from "@/lib/radar/customer-evaluation";
import { saveEvaluationRecord } from "@/lib/radar/evaluation-records";
import { recordOutcome } from "@/lib/radar/outcome-reports";

export type LoginResult =
  | { kind: "signed_in"; userId: string; decision: "allow" | "review"; evaluationRecordId: string }
  /** Unknown email or wrong password: one message for both, so accounts cannot be enumerated. */
  | { kind: "wrong_credentials" }
  | { kind: "blocked"; evaluationRecordId: string }
  | { kind: "throttled"; retryAfterMs: number }
  | { kind: "invalid"; fieldErrors: FieldErrors };

/**
 * Log-in, scored for account sharing: Customer Evaluation on the user's stored customer ->
 * password check -> policy -> session (or not) -> outcome reported.
 */
export async function logInUser(
  services: AccountServices,
  form: LoginForm,
  ip: string,
): Promise<LoginResult> {
  const { prisma, stripe, loginThrottle } = services;
  const throttled = await loginBlockedFor(prisma, loginThrottle, form.email, ip);
  if (throttled) return { kind: "throttled", retryAfterMs: throttled.retryAfterMs };

  const user = await prisma.user.findUnique({ where: { email: form.email } });
  if (!user) {
    await verifyAgainstDecoy(form.password);
    await recordLoginFailure(prisma, loginThrottle, form.email, ip);
    return { kind: "wrong_credentials" };
  }
  if (await radarSessionBelongsToAnother(prisma, form.radar_session, form.email)) {
    return { kind: "invalid", fieldErrors: { radar_session: FOREIGN_RADAR_SESSION } };
  }

  const customer = await ensureCustomerForUser(prisma, stripe, user);
  const [evaluation, passwordMatches] = await Promise.all([
    customer
      ? createCustomerEvaluation(stripe, {
          eventType: "login",
          customer,
          radarSession: form.radar_session,
          idempotencyKey: `login-evaluation-${crypto.randomUUID()}`,
        })
      : ({ status: "unavailable", reason: "No Stripe customer yet" } as const),
    verifyPassword(user.passwordHash, form.password),
  ]);
  if (evaluation.status === "invalid_radar_session") {
    return { kind: "invalid", fieldErrors: { radar_session: FOREIGN_RADAR_SESSION } };
  }

  const decision = decisionFor(evaluation, services.policy);
  const record = await saveEvaluationRecord(prisma, {
    eventType: "login",
    result: evaluation,
    decision,
    email: form.email,
    userId: user.id,
    stripeCustomerId: customer,
    radarSession: form.radar_session,
  });

  if (!passwordMatches) {
    await recordLoginFailure(prisma, loginThrottle, form.email, ip);
    await recordOutcome(prisma, stripe, record.id, { type: "login_failed", reason: "other" });
    return { kind: "wrong_credentials" };
  }
  if (decision === "block") {
    await recordOutcome(prisma, stripe, record.id, {
      type: "login_failed",
      reason: "suspected_account_sharing",
    });
    return { kind: "blocked", evaluationRecordId: record.id };
  }

  if (decision === "review") {
    await prisma.user.update({ where: { id: user.id }, data: { needsReview: true } });
  }
  await claimRadarSession(prisma, form.radar_session, user.id);
  await clearLoginFailures(prisma, form.email);
  await recordOutcome(prisma, stripe, record.id, { type: "login_success" });
  return { kind: "signed_in", userId: user.id, decision, evaluationRecordId: record.id };
}
