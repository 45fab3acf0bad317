import { randomBytes } from "node:crypto";
import { registrationForm } from "@/lib/accounts/forms";
import { logInUser } from "@/lib/accounts/log-in";
import { registerUser } from "@/lib/accounts/register";
import { placeOrder } from "@/lib/checkout/place-order";
import { demoCheckoutForm } from "@/lib/demo/demo-checkout";
import { type Device, SEEDED_PASSWORD } from "@/lib/demo/seed-history";
import type { User } from "@/lib/generated/prisma/client";
import { SIGNAL_NAMES } from "@/lib/radar/account-abuse";
import { customerEvaluationWhy, type ScoreWhy, scoreWhy } from "@/lib/radar/score-explanation";
import type { Services } from "@/lib/services/services";

/** What a step did, read back from the database, for the presenter. */
export type StepOutcome = {
  /** What happened, in words ("Signed up ava.1a2b@example.com"). */
  summary: string;
  signal: string;
  score: number | null;
  riskLevel: string | null;
  /** allow / review / block for sign-ups and log-ins; continue / block for payments. */
  decision: string;
  /** Why there is no score, when there is none (Radar was unreachable...). */
  unavailableReason: string | null;
  href: string;
  /** The factors behind the score, which the emulator tells (the scenarios run on it). */
  why: ScoreWhy;
};

export type StepResult =
  | { kind: "done"; outcome: StepOutcome }
  | { kind: "refused"; message: string };

/** The password of every account the scenarios create, as of the seeded ones. */
export const DEMO_PASSWORD = SEEDED_PASSWORD;

/** A simulated browser somewhere else: its own device ID, address and time zone. */
export function otherDevice(label: string, timezone: string, userAgent: string): Device {
  const octet = () => 1 + Math.floor(Math.random() * 250);
  return {
    deviceId: `demo-${label}-${randomBytes(6).toString("hex")}`,
    timezone,
    userAgent,
    ip: `10.66.${octet()}.${octet()}`,
  };
}

export function newDemoPerson(label: string) {
  const tag = randomBytes(3).toString("hex");
  return {
    name: `${label} ${tag}`,
    email: `${label.toLowerCase().replace(/\W+/g, ".")}.${tag}@example.com`,
  };
}

async function customerOutcome(
  services: Services,
  evaluationRecordId: string,
  summary: string,
): Promise<StepResult> {
  const record = await services.prisma.customerEvaluation.findUniqueOrThrow({
    where: { id: evaluationRecordId },
  });
  return {
    kind: "done",
    outcome: {
      summary,
      signal: record.signal ?? SIGNAL_NAMES[record.radarApi][record.eventType],
      score: record.score,
      riskLevel: record.riskLevel,
      decision: record.decision,
      unavailableReason: record.unavailableReason,
      href: `/dashboard/evaluations/${record.id}`,
      why: customerEvaluationWhy(record, "emulator"),
    },
  };
}

/** A sign-up through the registration flow, from the device the Radar Session came from. */
export async function signUpStep(
  services: Services,
  person: { name: string; email: string },
  radarSession: string | undefined,
  origin: { clientIp: string; deviceId: string },
): Promise<StepResult & { userId?: string }> {
  const form = registrationForm.safeParse({
    ...person,
    password: DEMO_PASSWORD,
    radar_session: radarSession ?? "",
  });
  if (!form.success)
    return { kind: "refused", message: form.error.issues[0]?.message ?? "Invalid sign-up" };
  const result = await registerUser(services, form.data, origin);
  switch (result.kind) {
    case "registered":
      return {
        ...(await customerOutcome(
          services,
          result.evaluationRecordId,
          `Signed up ${person.email}`,
        )),
        userId: result.userId,
      };
    case "blocked":
      return customerOutcome(
        services,
        result.evaluationRecordId,
        `Sign-up of ${person.email} blocked`,
      );
    case "throttled":
      return {
        kind: "refused",
        message: `Too many sign-ups from this browser: try again in ${Math.ceil(result.retryAfterMs / 60_000)} minute(s), or reset the demo.`,
      };
    case "invalid":
      return { kind: "refused", message: Object.values(result.fieldErrors).join(" ") };
    case "refused":
      return {
        kind: "refused",
        message: result.message ?? Object.values(result.fieldErrors).join(" "),
      };
  }
}

/** A log-in through the log-in flow with the demo password. */
export async function logInStep(
  services: Services,
  email: string,
  radarSession: string | undefined,
  clientIp: string,
  where: string,
): Promise<StepResult & { userId?: string }> {
  const result = await logInUser(
    services,
    { email, password: DEMO_PASSWORD, radar_session: radarSession },
    { clientIp },
  );
  switch (result.kind) {
    case "signed_in":
      return {
        ...(await customerOutcome(
          services,
          result.evaluationRecordId,
          `Logged in as ${email} ${where}`,
        )),
        userId: result.userId,
      };
    case "blocked":
      return customerOutcome(
        services,
        result.evaluationRecordId,
        `Log-in as ${email} ${where} blocked`,
      );
    case "wrong_credentials":
      return {
        kind: "refused",
        message: `${email} does not exist any more: start this scenario again from step 1.`,
      };
    case "throttled":
      return { kind: "refused", message: "Too many failed log-ins: reset the demo." };
    case "invalid":
      return { kind: "refused", message: Object.values(result.fieldErrors).join(" ") };
    case "refused":
      return {
        kind: "refused",
        message: result.message ?? Object.values(result.fieldErrors).join(" "),
      };
  }
}

/** Pays for a hoodie with one of Stripe's test PaymentMethods, through the checkout flow. */
export async function payStep(
  services: Services,
  buyer: Pick<User, "id" | "email" | "name" | "phone" | "stripeCustomerId">,
  paymentMethod: string,
  radarSession: string | undefined,
): Promise<StepResult> {
  const form = demoCheckoutForm(buyer, paymentMethod, radarSession);
  const result = await placeOrder(services, buyer, form);
  if (result.kind === "invalid")
    return { kind: "refused", message: Object.values(result.fieldErrors).join(" ") };
  const order = await services.prisma.order.findUniqueOrThrow({
    where: { id: result.orderId },
    include: { attempts: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
  const attempt = order.attempts[0];
  return {
    kind: "done",
    outcome: {
      summary: `Order #${order.number}: ${order.status}`,
      signal: "fraudulent_payment",
      score: attempt?.score ?? null,
      riskLevel: attempt?.riskLevel ?? null,
      decision: attempt?.decision ?? "allow",
      unavailableReason: attempt?.unavailableReason ?? null,
      href: `/orders/${order.id}`,
      why: scoreWhy(
        {
          signal: "fraudulent_payment",
          score: attempt?.score ?? null,
          riskLevel: attempt?.riskLevel ?? null,
          factors: attempt?.factors ?? null,
          customerId: buyer.stripeCustomerId,
          unavailableReason: attempt?.unavailableReason ?? null,
        },
        "emulator",
      ),
    },
  };
}
