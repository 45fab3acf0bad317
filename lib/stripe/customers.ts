import { createHash } from "node:crypto";
import type Stripe from "stripe";
import type { PrismaClient, User } from "@/lib/generated/prisma/client";
import { classifyStripeFailure } from "@/lib/radar/stripe-failure";

/** A Stripe Customer, or why there is none: Stripe unreachable, or it refused the details. */
export type CustomerLookup =
  | { kind: "found"; customer: string }
  | { kind: "missing"; reason: string }
  | { kind: "refused"; reason: string; param: string | null };

/** Sorts a failed `customers.create`: an outage leaves the customer missing; a 4xx refuses. */
export function customerFailure(error: unknown): Exclude<CustomerLookup, { kind: "found" }> {
  const failure = classifyStripeFailure(error);
  return failure.kind === "refused"
    ? { kind: "refused", reason: failure.message, param: failure.param }
    : { kind: "missing", reason: `Customer not created: ${failure.message}` };
}

type CustomerDetails = { email: string; name: string; phone?: string | undefined };

/**
 * The Stripe Customer for a registration: the one already made for this email's registration
 * attempt, or a new one. The idempotency key covers the attempt and the details sent, so a
 * double click, a retry or a second tab with the same form gets the same customer back.
 */
export async function customerForRegistration(
  prisma: PrismaClient,
  stripe: Stripe,
  details: CustomerDetails,
): Promise<string> {
  const attempt = await findOrCreateAttempt(prisma, details.email);
  if (attempt.stripeCustomerId) return attempt.stripeCustomerId;

  const fingerprint = createHash("sha256")
    .update(JSON.stringify([details.email, details.name, details.phone ?? null]))
    .digest("hex")
    .slice(0, 24);
  const customer = await stripe.customers.create(
    {
      email: details.email,
      name: details.name,
      ...(details.phone ? { phone: details.phone } : {}),
      metadata: { registration_attempt: attempt.id },
    },
    { idempotencyKey: `registration-customer-${attempt.id}-${fingerprint}` },
  );
  await prisma.registrationAttempt.updateMany({
    where: { id: attempt.id, stripeCustomerId: null },
    data: { stripeCustomerId: customer.id },
  });
  return customer.id;
}

/** The email's attempt, made if it is new: one statement, which concurrent copies of the form share. */
function findOrCreateAttempt(prisma: PrismaClient, email: string) {
  // Prisma sends an upsert as one INSERT … ON CONFLICT when its update names the unique field.
  return prisma.registrationAttempt.upsert({
    where: { email },
    create: { email },
    update: { email },
  });
}

/**
 * The user's Stripe Customer, created now if Stripe was unreachable when they registered, or why
 * there is none.
 */
export async function ensureCustomerForUser(
  prisma: PrismaClient,
  stripe: Stripe,
  user: Pick<User, "id" | "email" | "name" | "phone" | "stripeCustomerId">,
): Promise<CustomerLookup> {
  if (user.stripeCustomerId) return { kind: "found", customer: user.stripeCustomerId };
  try {
    const customer = await stripe.customers.create(
      {
        email: user.email,
        name: user.name,
        ...(user.phone ? { phone: user.phone } : {}),
        metadata: { user_id: user.id },
      },
      { idempotencyKey: `user-customer-${user.id}` },
    );
    await prisma.user.update({ where: { id: user.id }, data: { stripeCustomerId: customer.id } });
    return { kind: "found", customer: customer.id };
  } catch (error) {
    return customerFailure(error);
  }
}
