import { type LoginForm, type RefusedForm, refusedForm } from "@/lib/accounts/forms";
import type { RequestOrigin } from "@/lib/accounts/register";
import type { SignIn } from "@/lib/auth/current-user";
import { verifyAgainstDecoy, verifyPassword } from "@/lib/auth/passwords";
import { forgiveAttempts, rateLimitAddress, takeAttempts } from "@/lib/auth/rate-limit";
import { isRecognisedDevice, recogniseDevice } from "@/lib/auth/recognised-devices";
import type { FieldErrors } from "@/lib/forms/parse-form";
import { evaluateAccount, waitAsLongAsAnEvaluation } from "@/lib/radar/evaluate-account";
import { reportAccountOutcome } from "@/lib/radar/outcome-reports";
import { FOREIGN_RADAR_SESSION } from "@/lib/radar/radar-session-claims";
import type { Services } from "@/lib/services/services";
import { ensureCustomerForUser } from "@/lib/stripe/customers";

export type LoginResult =
  | { kind: "signed_in"; userId: string; decision: "allow" | "review"; evaluationRecordId: string }
  /** Unknown email or wrong password: one message for both, so accounts cannot be enumerated. */
  | { kind: "wrong_credentials" }
  | { kind: "blocked"; evaluationRecordId: string }
  | { kind: "throttled"; retryAfterMs: number }
  | { kind: "invalid"; fieldErrors: FieldErrors }
  /** Stripe refused what was sent about the account: not signed in, and told what to do. */
  | ({ kind: "refused" } & RefusedForm);

const NO_ACCOUNT = "No account with this email";
const WRONG_PASSWORD = "Wrong password";

/** The browser logging in: its device cookie, and how to open its session. */
export type LoginBrowser = { deviceId: string; signIn: SignIn };

/**
 * Log-in, scored for account sharing: the attempt counted against the email and the IP ->
 * password check started -> Radar Session claimed -> account evaluation on the user's stored
 * customer, once the password is verified -> policy -> outcome reported, and the browser's
 * session opened when one is logging in and the user may sign in.
 *
 * Throttle the stranger, not the owner: a browser that signed in to the account before counts
 * its attempts on its own, so a stranger's wrong passwords for the email do not lock it out; and
 * only a verified password is scored, so a stranger's guesses are not the account's devices.
 * An unknown email and a wrong password take the same steps (a hash, an evaluation record
 * without a customer) and wait as long as an evaluation usually takes, so neither the answer,
 * the work done nor the time taken tells whether an account exists.
 */
export async function logInUser(
  services: Services,
  form: LoginForm,
  origin: RequestOrigin,
  browser?: LoginBrowser,
): Promise<LoginResult> {
  const { prisma, stripe, loginThrottle } = services;
  const { clientIp } = origin;
  const recognised = browser && (await isRecognisedDevice(prisma, form.email, browser.deviceId));
  const emailKey = recognised
    ? `login-email:${form.email}:device:${browser.deviceId}`
    : `login-email:${form.email}`;
  const ipKey = `login-ip:${rateLimitAddress(clientIp)}`;
  // The attempt is counted before the password is checked: parallel guesses cannot all slip in.
  // The account is looked up meanwhile; a refused attempt does nothing with it.
  const [limit, user] = await Promise.all([
    takeAttempts(prisma, [
      [emailKey, loginThrottle.perEmail],
      [ipKey, loginThrottle.perIp],
    ]),
    prisma.user.findUnique({ where: { email: form.email } }),
  ]);
  if (limit.kind === "limited") return { kind: "throttled", retryAfterMs: limit.retryAfterMs };

  // On libuv's thread pool while the Radar Session is claimed and Radar decides.
  const passwordMatches = user
    ? verifyPassword(user.passwordHash, form.password)
    : verifyAgainstDecoy(form.password);
  const evaluated = await evaluateAccount(services, {
    event: "login",
    email: form.email,
    ...(user ? { userId: user.id } : {}),
    client: {
      radarSession: form.radar_session,
      ip: clientIp,
      userAgent: origin.userAgent,
      referrer: origin.referrer,
    },
    resolveCustomer: async () => {
      // The hash is awaited either way, so an unknown email takes as long as a wrong password.
      const matches = await passwordMatches;
      if (!user || !matches) {
        // As long as the evaluation an account would have had.
        await waitAsLongAsAnEvaluation();
        return { kind: "missing", reason: user ? WRONG_PASSWORD : NO_ACCOUNT };
      }
      return ensureCustomerForUser(prisma, stripe, user);
    },
    idempotencyKey: () => `login-evaluation-${crypto.randomUUID()}`,
  });
  if (evaluated.kind === "foreign_radar_session") {
    return { kind: "invalid", fieldErrors: { radar_session: FOREIGN_RADAR_SESSION } };
  }

  const matches = await passwordMatches;
  if (!user || !matches) {
    await reportAccountOutcome(services, evaluated.record, "refused");
    return { kind: "wrong_credentials" };
  }
  if (evaluated.kind === "refused") {
    await reportAccountOutcome(services, evaluated.record, "refused");
    return { kind: "refused", ...refusedForm(null) };
  }
  const { decision, record } = evaluated;
  if (decision === "block") {
    await reportAccountOutcome(services, record, "blocked");
    return { kind: "blocked", evaluationRecordId: record.id };
  }

  // Independent writes, sent together; each lands before a failure of another is passed on.
  const written = await Promise.allSettled([
    decision === "review" &&
      prisma.user.update({ where: { id: user.id }, data: { needsReview: true } }),
    forgiveAttempts(prisma, { cleared: [emailKey], returned: [ipKey] }),
    reportAccountOutcome(services, record, decision === "review" ? "restricted" : "allowed"),
    browser && recogniseDevice(prisma, form.email, browser.deviceId),
    browser?.signIn(user.id),
  ]);
  const failed = written.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return { kind: "signed_in", userId: user.id, decision, evaluationRecordId: record.id };
}
