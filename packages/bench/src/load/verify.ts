import { createHash } from "node:crypto";
import { embeddedDatabase } from "@radar-abuse-reference/embedded-postgres";
import type { DatabaseConfig } from "@/lib/config/load-config";
import { createAdapterFactory } from "@/lib/db/adapter-factory";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type {
  CheckoutItem,
  LoginItem,
  OrderItem,
  RegistrationItem,
  SessionCookieItem,
} from "./flows";
import { LIMIT_METADATA } from "./limit";
import type { FlowResult } from "./run-flow";

/** A PaymentIntent as the emulator lists it, with what the check reads. */
export type EmulatorPaymentIntent = {
  id: string;
  customer: string | null;
  status: string;
  metadata: Record<string, string>;
};

export type LoadResults = {
  registration: FlowResult<RegistrationItem & SessionCookieItem>;
  login: FlowResult<LoginItem & SessionCookieItem>;
  checkout: FlowResult<CheckoutItem & OrderItem>;
};

export type Verification = { checked: number; mismatches: string[]; notes: string[] };

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Checks the database (and the emulator's PaymentIntents, fetched before the server stopped)
 * against every answer the load got, one for one:
 * - a registration answered with a sign-in has exactly one user with its email, a Stripe
 *   customer and the session of its cookie; one answered otherwise has no user; no two users
 *   share a customer and no user comes from elsewhere;
 * - each successful log-in has exactly one Session row (its cookie's), for that user, and each
 *   user has one session per successful sign-in (registration or log-in), no more;
 * - each successful checkout has exactly one order (by checkout_id), the one it redirected to,
 *   and exactly one PaymentIntent for it on the user's customer; no order has two.
 * Requests that got no answer (time-out, connection error) are only reported.
 */
export async function verifyRows(
  database: DatabaseConfig,
  results: LoadResults,
  paymentIntents: EmulatorPaymentIntent[],
): Promise<Verification> {
  const prisma = new PrismaClient({ adapter: createAdapterFactory(database) });
  try {
    const [users, sessions, orders] = await Promise.all([
      prisma.user.findMany({ select: { id: true, email: true, stripeCustomerId: true } }),
      prisma.session.findMany({ select: { tokenHash: true, userId: true } }),
      prisma.order.findMany({ select: { id: true, checkoutId: true, userId: true } }),
    ]);
    return compare(results, { users, sessions, orders, paymentIntents });
  } finally {
    await prisma.$disconnect();
    if (database.kind === "embedded") await embeddedDatabase(database.directory).close();
  }
}

type Rows = {
  users: { id: string; email: string; stripeCustomerId: string | null }[];
  sessions: { tokenHash: string; userId: string }[];
  orders: { id: string; checkoutId: string; userId: string }[];
  paymentIntents: EmulatorPaymentIntent[];
};

function groupBy<T>(rows: T[], key: (row: T) => string | null | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const value = key(row);
    if (value === null || value === undefined) continue;
    const group = groups.get(value);
    if (group) group.push(row);
    else groups.set(value, [row]);
  }
  return groups;
}

export function compare(results: LoadResults, rows: Rows): Verification {
  const mismatches: string[] = [];
  const notes: string[] = [];
  let checked = 0;
  const usersByEmail = groupBy(rows.users, (user) => user.email);
  const sessionsByHash = groupBy(rows.sessions, (session) => session.tokenHash);
  const sessionsByUser = groupBy(rows.sessions, (session) => session.userId);
  const ordersByCheckout = groupBy(rows.orders, (order) => order.checkoutId);
  // The limit's own PaymentIntents (limit.ts) are not the app's.
  const appIntents = rows.paymentIntents.filter((intent) => !intent.metadata?.[LIMIT_METADATA]);
  const intentsByOrder = groupBy(appIntents, (intent) => intent.metadata?.order_id);
  const signInsByUser = new Map<string, number>();
  const countSignIn = (userId: string) =>
    signInsByUser.set(userId, (signInsByUser.get(userId) ?? 0) + 1);

  const sessionOf = (what: string, cookie: string | undefined, userId: string) => {
    const found = cookie ? (sessionsByHash.get(tokenHash(cookie)) ?? []) : [];
    if (found.length !== 1 || found[0]?.userId !== userId) {
      mismatches.push(`${what}: ${found.length} session row(s) for its cookie, expected 1`);
    } else {
      countSignIn(userId);
    }
  };

  // Registrations.
  const sentEmails = new Set<string>();
  let unansweredRegistrations = 0;
  for (const sent of results.registration.sent) {
    const { email } = sent.item.account;
    sentEmails.add(email);
    const found = usersByEmail.get(email) ?? [];
    checked++;
    if (sent.state === "success") {
      const user = found[0];
      if (found.length !== 1 || !user) {
        mismatches.push(`registration ${email}: ${found.length} user(s), expected 1`);
        continue;
      }
      if (!user.stripeCustomerId) {
        mismatches.push(`registration ${email}: the user has no Stripe customer ID`);
      }
      sessionOf(`registration ${email}`, sent.item.sessionCookie, user.id);
    } else if (sent.state === "failure") {
      if (found.length !== 0) {
        mismatches.push(`registration ${email} was refused but ${found.length} user(s) exist`);
      }
    } else {
      unansweredRegistrations++;
      if (found.length > 1) mismatches.push(`registration ${email}: ${found.length} users`);
    }
  }
  if (unansweredRegistrations > 0) {
    notes.push(
      `${unansweredRegistrations} registration(s) got no answer (not checked one for one)`,
    );
  }
  for (const user of rows.users) {
    if (!sentEmails.has(user.email)) mismatches.push(`user ${user.email} matches no registration`);
  }
  for (const [customer, owners] of groupBy(rows.users, (user) => user.stripeCustomerId)) {
    if (owners.length > 1) mismatches.push(`${owners.length} users share customer ${customer}`);
  }

  // Log-ins.
  const userIdByEmail = new Map(rows.users.map((user) => [user.email, user.id]));
  for (const sent of results.login.sent) {
    checked++;
    if (sent.state !== "success") continue;
    const userId = userIdByEmail.get(sent.item.account.email);
    if (!userId) {
      mismatches.push(`log-in ${sent.item.account.email}: no such user`);
      continue;
    }
    sessionOf(`log-in ${sent.item.account.email}`, sent.item.sessionCookie, userId);
  }
  for (const [userId, sessions] of sessionsByUser) {
    const expected = signInsByUser.get(userId) ?? 0;
    if (sessions.length !== expected) {
      mismatches.push(
        `user ${userId}: ${sessions.length} session row(s), ${expected} successful sign-in(s)`,
      );
    }
  }

  // Checkouts.
  const customerByUser = new Map(rows.users.map((user) => [user.id, user.stripeCustomerId]));
  const sentCheckouts = new Set<string>();
  let unansweredCheckouts = 0;
  let refusedWithOrder = 0;
  // Orders of successful checkouts, whose PaymentIntents are checked with them.
  const checkedOrders = new Set<string>();
  for (const sent of results.checkout.sent) {
    const { checkoutId } = sent.item;
    sentCheckouts.add(checkoutId);
    const found = ordersByCheckout.get(checkoutId) ?? [];
    checked++;
    if (sent.state === "success") {
      const order = found[0];
      if (found.length !== 1 || !order) {
        mismatches.push(`checkout ${checkoutId}: ${found.length} order(s), expected 1`);
        continue;
      }
      if (order.id !== sent.item.orderId) {
        mismatches.push(
          `checkout ${checkoutId}: redirected to ${sent.item.orderId}, order is ${order.id}`,
        );
      }
      if (order.userId !== userIdByEmail.get(sent.item.account.email)) {
        mismatches.push(`checkout ${checkoutId}: the order belongs to another user`);
      }
      checkedOrders.add(order.id);
      const intents = intentsByOrder.get(order.id) ?? [];
      if (intents.length !== 1) {
        mismatches.push(`order ${order.id}: ${intents.length} PaymentIntent(s), expected 1`);
      } else if (intents[0]?.customer !== customerByUser.get(order.userId)) {
        mismatches.push(`order ${order.id}: its PaymentIntent is on another customer`);
      }
    } else if (sent.state === "failure") {
      if (found.length > 0) refusedWithOrder++;
    } else {
      unansweredCheckouts++;
    }
    if (found.length > 1) mismatches.push(`checkout ${checkoutId}: ${found.length} orders`);
  }
  if (unansweredCheckouts > 0) {
    notes.push(`${unansweredCheckouts} checkout(s) got no answer (not checked one for one)`);
  }
  if (refusedWithOrder > 0) {
    notes.push(
      `${refusedWithOrder} refused checkout(s) left an unpaid order (declined or blocked)`,
    );
  }
  for (const order of rows.orders) {
    if (!sentCheckouts.has(order.checkoutId)) {
      mismatches.push(`order ${order.id} matches no checkout sent`);
    }
  }
  const orderIds = new Set(rows.orders.map((order) => order.id));
  for (const [orderId, intents] of intentsByOrder) {
    if (!orderIds.has(orderId))
      mismatches.push(`PaymentIntent ${intents[0]?.id}: no order ${orderId}`);
    else if (intents.length > 1 && !checkedOrders.has(orderId))
      mismatches.push(`order ${orderId}: ${intents.length} PaymentIntents`);
  }
  return { checked, mismatches, notes };
}
