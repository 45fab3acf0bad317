import { createHash } from "node:crypto";
import { type RefusedForm, type RegistrationForm, refusedForm } from "@/lib/accounts/forms";
import type { SignIn } from "@/lib/auth/current-user";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { rateLimitAddress, takeAttempts } from "@/lib/auth/rate-limit";
import { isUniqueViolation } from "@/lib/db/errors";
import type { FieldErrors } from "@/lib/forms/parse-form";
import { evaluateAccount } from "@/lib/radar/evaluate-account";
import { reportAccountOutcome } from "@/lib/radar/outcome-reports";
import { FOREIGN_RADAR_SESSION } from "@/lib/radar/radar-session-claims";
import type { Services } from "@/lib/services/services";
import { customerFailure, customerForRegistration } from "@/lib/stripe/customers";

export type RegistrationResult =
  | { kind: "registered"; userId: string; decision: "allow" | "review"; evaluationRecordId: string }
  | { kind: "blocked"; evaluationRecordId: string }
  | { kind: "throttled"; retryAfterMs: number }
  | { kind: "invalid"; fieldErrors: FieldErrors }
  /** Stripe refused what was sent: the person is told what to correct, and not let in. */
  | ({ kind: "refused" } & RefusedForm);

/** Where a request comes from, as the server sees it; Radar reads it when there is no session. */
export type RequestOrigin = {
  clientIp: string;
  userAgent?: string | undefined;
  referrer?: string | undefined;
};

/** Where a registration comes from: the rate limits count per client IP and per device. */
export type RegistrationOrigin = RequestOrigin & { deviceId: string };

const EMAIL_TAKEN = "An account with this email already exists. Log in instead.";

/**
 * Registration, scored for multi-accounting: rate limits -> Radar Session claimed -> Stripe
 * Customer -> account evaluation -> policy -> user saved with its customer (or not, when
 * blocked) -> outcome recorded, linking the evaluation to the user, and reported, while `signIn`
 * (when given: a browser is signing up) opens the new user's session. Details Stripe refuses
 * (a phone it will not store) end it with a field error: never an unscored sign-up.
 */
export async function registerUser(
  services: Services,
  form: RegistrationForm,
  origin: RegistrationOrigin,
  signIn?: SignIn,
): Promise<RegistrationResult> {
  const { prisma, stripe, registrationLimit } = services;
  // Counted before any work, since each registration creates a Stripe Customer. An email that is
  // taken counts too: the answer says so, so probing addresses spends the prober's attempts, and
  // over the limit a taken email and a free one get the same answer. The email is looked up
  // meanwhile, which starts the hash one round trip sooner.
  const [limit, existing] = await Promise.all([
    takeAttempts(prisma, [
      [`registration-ip:${rateLimitAddress(origin.clientIp)}`, registrationLimit.perIp],
      [`registration-device:${origin.deviceId}`, registrationLimit.perDevice],
    ]),
    prisma.user.findUnique({ where: { email: form.email }, select: { id: true } }),
  ]);
  if (limit.kind === "limited") return { kind: "throttled", retryAfterMs: limit.retryAfterMs };
  if (existing) return { kind: "invalid", fieldErrors: { email: EMAIL_TAKEN } };

  // The hash needs nothing from Stripe: it runs on libuv's thread pool while Radar decides.
  const passwordHash = hashPassword(form.password);
  // A registration that ends before the user is saved has no use for it.
  passwordHash.catch(() => {});
  const evaluated = await evaluateAccount(services, {
    event: "registration",
    email: form.email,
    client: {
      radarSession: form.radar_session,
      ip: origin.clientIp,
      userAgent: origin.userAgent,
      referrer: origin.referrer,
    },
    resolveCustomer: async () => {
      try {
        return { kind: "found", customer: await customerForRegistration(prisma, stripe, form) };
      } catch (error) {
        // An outage fails open, and the customer is created at the next log-in; details Stripe
        // refuses end the registration.
        return customerFailure(error);
      }
    },
    // The same form sent again is the same evaluation. Without a Radar Session the client data
    // sent in its place is part of the request, so it is part of the key: another browser gets
    // an evaluation of its own, not Stripe's refusal of a reused key.
    idempotencyKey: (customer) =>
      `registration-evaluation-${customer}-${form.radar_session ?? `client-${fingerprint(origin)}`}`,
  });
  if (evaluated.kind === "foreign_radar_session") {
    return { kind: "invalid", fieldErrors: { radar_session: FOREIGN_RADAR_SESSION } };
  }
  if (evaluated.kind === "refused") {
    await reportAccountOutcome(services, evaluated.record, "refused");
    return { kind: "refused", ...refusedForm(evaluated.param) };
  }

  const { decision, record } = evaluated;
  if (decision === "block") {
    await reportAccountOutcome(services, record, "blocked");
    return { kind: "blocked", evaluationRecordId: record.id };
  }
  const userId = await saveUser(
    services,
    form,
    await passwordHash,
    record.stripeCustomerId,
    decision,
  );
  if (!userId) {
    await reportAccountOutcome(services, record, "refused");
    return { kind: "invalid", fieldErrors: { email: EMAIL_TAKEN } };
  }
  // Both need only the user: one round trip, not two, before the answer. The outcome is kept
  // even when the session cannot be opened, before that failure is passed on.
  const written = await Promise.allSettled([
    reportAccountOutcome(services, record, decision === "review" ? "restricted" : "allowed", {
      userId,
    }),
    signIn?.(userId),
  ]);
  const failed = written.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return { kind: "registered", userId, decision, evaluationRecordId: record.id };
}

/** A short digest of what the server saw of the client. */
function fingerprint({ clientIp, userAgent, referrer }: RequestOrigin): string {
  return createHash("sha256")
    .update(JSON.stringify([clientIp, userAgent ?? null, referrer ?? null]))
    .digest("hex")
    .slice(0, 24);
}

/**
 * Saves the user, or finds the one a concurrent copy of the same submission saved first (same
 * customer, same password). Returns null when the email belongs to somebody else.
 */
async function saveUser(
  { prisma }: Services,
  form: RegistrationForm,
  passwordHash: string,
  stripeCustomerId: string | null,
  decision: "allow" | "review",
): Promise<string | null> {
  try {
    const user = await prisma.user.create({
      data: {
        email: form.email,
        name: form.name,
        phone: form.phone ?? null,
        passwordHash,
        stripeCustomerId,
        needsReview: decision === "review",
      },
      select: { id: true },
    });
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
