import Stripe from "stripe";
import type { CheckoutForm } from "@/lib/checkout/checkout-form";
import { createOrder } from "@/lib/checkout/create-order";
import { findOrderPaymentIntent, WITH_PAYMENT_METHOD } from "@/lib/checkout/order-payment-intent";
import {
  type CardSummary,
  cardSummary,
  recordPaymentAttempt,
} from "@/lib/checkout/payment-attempts";
import { failureMessageFor } from "@/lib/checkout/payment-intent-outcome";
import { type PricedOrder, priceOrder } from "@/lib/checkout/price-order";
import {
  settlePaymentIntent,
  UNEVALUATED_PAYMENT_MESSAGE,
} from "@/lib/checkout/settle-payment-intent";
import { isUniqueViolation } from "@/lib/db/errors";
import type { FieldErrors } from "@/lib/forms/parse-form";
import type { Order, PrismaClient, User } from "@/lib/generated/prisma/client";
import { createPaymentEvaluation } from "@/lib/radar/payment-evaluation";
import { claimRadarSession, FOREIGN_RADAR_SESSION } from "@/lib/radar/radar-session-claims";
import { explanationToStore } from "@/lib/radar/score-explanation";
import type { Services } from "@/lib/services/services";
import { ensureCustomerForUser } from "@/lib/stripe/customers";

export type PlaceOrderResult =
  | { kind: "invalid"; fieldErrors: FieldErrors }
  | { kind: "blocked"; orderId: string }
  | { kind: "declined"; orderId: string; message: string }
  | { kind: "requires_action"; orderId: string; clientSecret: string }
  | { kind: "paid" | "processing"; orderId: string };

export type Buyer = Pick<User, "id" | "email" | "name" | "phone" | "stripeCustomerId">;

const STATEMENT_DESCRIPTOR = "RADAR REFERENCE";

const PAYMENT_NOT_CHECKED =
  "We could not check this payment with Stripe, so nothing was charged. Check the card and address, or contact support if it keeps happening.";

/**
 * Checkout: order saved first -> Payment Evaluation on the user's Stripe customer -> `block`
 * stops it before any PaymentIntent exists; otherwise a PaymentIntent on the same customer. Each
 * try is kept as a payment attempt on the order.
 */
export async function placeOrder(
  services: Pick<Services, "prisma" | "stripe" | "explain" | "paymentTimeoutMs">,
  buyer: Buyer,
  form: CheckoutForm,
): Promise<PlaceOrderResult> {
  const { prisma, stripe } = services;
  const found = await ensureCustomerForUser(prisma, stripe, buyer);
  if (found.kind !== "found") {
    return invalid("form", "Payments are unavailable right now. Please try again.");
  }
  const { customer } = found;

  // Three independent checks, sent together: none of them writes what another one reads.
  const [priced, claimed, card] = await Promise.all([
    priceOrder(prisma, form.items),
    !form.radarSession || claimRadarSession(prisma, form.radarSession, "checkout", buyer.email),
    readCard(stripe, form.paymentMethod, customer),
  ]);
  if (priced.kind === "invalid") return invalid(priced.field, priced.message);
  if (!claimed) return invalid("radar_session", FOREIGN_RADAR_SESSION);
  if (card.kind === "refused") return invalid("payment_method", card.problem);

  const order = await findOrCreateOrder(prisma, buyer.id, form, priced.order);
  if (!order) return invalid("checkout_id", "This checkout belongs to another account.");
  let existing: Stripe.PaymentIntent | null;
  try {
    existing = await findOrderPaymentIntent(stripe, order, customer);
  } catch (error) {
    return unreachable(prisma, order, error);
  }
  const settled = await settledResult(services, order, existing, form.paymentMethod);
  if (settled) return settled;

  const evaluation = await createPaymentEvaluation(
    stripe,
    {
      customer,
      customerEmail: buyer.email,
      customerName: buyer.name,
      customerPhone: buyer.phone,
      amount: order.amount,
      currency: order.currency,
      paymentMethod: form.paymentMethod,
      billingDetails: form.billing,
      shippingDetails: form.shipping,
      description: order.description,
      statementDescriptor: STATEMENT_DESCRIPTOR,
      radarSession: form.radarSession,
      orderId: order.id,
    },
    `payment-evaluation-${order.id}-${form.paymentMethod}`,
  );
  if (evaluation.kind === "invalid_radar_session") {
    return invalid("radar_session", FOREIGN_RADAR_SESSION);
  }
  if (evaluation.kind === "refused") {
    console.error(
      `Radar: Stripe refused the Payment Evaluation of order ${order.id}: ${evaluation.reason}`,
    );
    return invalid("form", PAYMENT_NOT_CHECKED);
  }
  const factors = await explanationToStore(
    services.explain,
    evaluation.kind === "available" ? evaluation.risk.id : null,
  );
  const decision = await recordPaymentAttempt(prisma, order.id, form, card.summary, {
    evaluation,
    factors,
  });
  if (decision === "block") return { kind: "blocked", orderId: order.id };

  return chargeOrder(services, order, customer, form, existing);
}

function invalid(field: string, message: string): PlaceOrderResult {
  return { kind: "invalid", fieldErrors: { [field]: message } };
}

/**
 * The card's brand and last four digits. A PaymentMethod Stripe does not know, or one saved to
 * another customer, cannot pay.
 */
async function readCard(
  stripe: Stripe,
  paymentMethod: string,
  customer: string,
): Promise<{ kind: "card"; summary: CardSummary } | { kind: "refused"; problem: string }> {
  try {
    const method = await stripe.paymentMethods.retrieve(paymentMethod);
    if (method.customer && method.customer !== customer) {
      return {
        kind: "refused",
        problem: "This card is saved to another customer. Enter your card details.",
      };
    }
    return { kind: "card", summary: cardSummary(method) };
  } catch (error) {
    return {
      kind: "refused",
      problem:
        error instanceof Stripe.errors.StripeInvalidRequestError
          ? "Your card details were not received. Enter them again."
          : PROCESSOR_UNREACHABLE,
    };
  }
}

async function findOrCreateOrder(
  prisma: PrismaClient,
  userId: string,
  form: CheckoutForm,
  priced: PricedOrder,
): Promise<Order | null> {
  try {
    // Created first: a form sent again is the rare case, found after the unique key refuses it.
    return await createOrder(prisma, {
      checkoutId: form.checkoutId,
      userId,
      priced,
      billing: form.billing,
      shipping: form.shipping,
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await prisma.order.findUnique({ where: { checkoutId: form.checkoutId } });
    // The form's order was committed before the key refused this one: it is there to find.
    if (!existing) throw error;
    return existing.userId === userId ? existing : null;
  }
}

/**
 * An order that is already paid, processing or blocked is answered as it stands, and so is one
 * whose PaymentIntent Stripe already settled (a crash lost the answer): sending the form again
 * never charges twice, and never re-evaluates a payment that went through. A declined or
 * unfinished order may be paid again.
 */
async function settledResult(
  services: Pick<Services, "prisma" | "stripe">,
  order: Order,
  intent: Stripe.PaymentIntent | null,
  paymentMethod: string,
): Promise<PlaceOrderResult | null> {
  switch (order.status) {
    case "paid":
    case "processing":
      return { kind: order.status, orderId: order.id };
    case "blocked":
      return { kind: "blocked", orderId: order.id };
  }
  if (order.unevaluatedPaymentMethod) {
    return { kind: "declined", orderId: order.id, message: UNEVALUATED_PAYMENT_MESSAGE };
  }
  if (intent?.status === "succeeded" || intent?.status === "processing") {
    return resultFor(await settlePaymentIntent(services, order.id, intent), intent);
  }
  if (
    intent?.status === "requires_action" &&
    intent.client_secret &&
    order.paymentMethod === paymentMethod
  ) {
    return { kind: "requires_action", orderId: order.id, clientSecret: intent.client_secret };
  }
  return null;
}

/**
 * Stripe did not answer: the PaymentIntent may or may not exist, so nothing is promised except
 * what the order's single PaymentIntent guarantees.
 */
const PROCESSOR_UNREACHABLE =
  "We could not reach the payment processor. Please try again: you will not be charged twice.";

/**
 * A Stripe call failed without a card decline: said on the order's latest attempt when this try
 * made one, and the order may be paid again.
 */
async function unreachable(
  prisma: PrismaClient,
  order: Order,
  error: unknown,
  attempted = false,
): Promise<PlaceOrderResult> {
  const message =
    error instanceof Stripe.errors.StripeError && error.type === "StripeInvalidRequestError"
      ? error.message
      : PROCESSOR_UNREACHABLE;
  if (attempted) {
    const attempt = await prisma.paymentAttempt.findFirst({
      where: { orderId: order.id },
      orderBy: { createdAt: "desc" },
    });
    if (attempt) {
      await prisma.paymentAttempt.update({
        where: { id: attempt.id },
        data: { failureMessage: message },
      });
    }
  }
  return { kind: "declined", orderId: order.id, message };
}

/** Pays the order with the form's card and records how it went. */
async function chargeOrder(
  { prisma, stripe, paymentTimeoutMs }: Pick<Services, "prisma" | "stripe" | "paymentTimeoutMs">,
  order: Order,
  customer: string,
  form: CheckoutForm,
  existing: Stripe.PaymentIntent | null,
): Promise<PlaceOrderResult> {
  let intent: Stripe.PaymentIntent;
  try {
    intent = await payOnOrdersPaymentIntent(
      stripe,
      { order, customer, form, existing },
      paymentTimeoutMs,
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError && error.payment_intent) {
      intent = error.payment_intent;
    } else {
      return unreachable(prisma, order, error, true);
    }
  }

  const updated = await settlePaymentIntent({ prisma, stripe }, order.id, intent);
  return resultFor(updated, intent);
}

/**
 * An order has one PaymentIntent. The one Stripe already has for it (stored, or created before a
 * crash lost its ID) is confirmed again with the new card, or taken as it is when already paid;
 * only an order without one gets a new one, on the customer.
 */
async function payOnOrdersPaymentIntent(
  stripe: Stripe,
  {
    order,
    customer,
    form,
    existing,
  }: { order: Order; customer: string; form: CheckoutForm; existing: Stripe.PaymentIntent | null },
  // The issuer (and Radar) decide while Stripe holds the request: a short time-out would tell the
  // buyer the processor is unreachable while the charge may still succeed.
  timeout: number,
): Promise<Stripe.PaymentIntent> {
  if (!existing) {
    return stripe.paymentIntents.create(
      {
        amount: order.amount,
        currency: order.currency,
        customer,
        payment_method: form.paymentMethod,
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
        description: order.description,
        ...(form.radarSession ? { radar_options: { session: form.radarSession } } : {}),
        metadata: { order_id: order.id },
        ...WITH_PAYMENT_METHOD,
      },
      { idempotencyKey: `order-${order.id}-payment-intent`, timeout },
    );
  }
  if (existing.status === "succeeded" || existing.status === "processing") return existing;
  return stripe.paymentIntents.confirm(
    existing.id,
    { payment_method: form.paymentMethod, ...WITH_PAYMENT_METHOD },
    { idempotencyKey: `order-${order.id}-confirm-${form.paymentMethod}`, timeout },
  );
}

function resultFor(updated: Order, intent: Stripe.PaymentIntent): PlaceOrderResult {
  switch (updated.status) {
    case "paid":
    case "processing":
      return { kind: updated.status, orderId: updated.id };
    case "requires_action":
      return {
        kind: "requires_action",
        orderId: updated.id,
        clientSecret: intent.client_secret ?? "",
      };
    default:
      return {
        kind: "declined",
        orderId: updated.id,
        message: updated.unevaluatedPaymentMethod
          ? UNEVALUATED_PAYMENT_MESSAGE
          : (failureMessageFor(intent) ?? "Your card was declined."),
      };
  }
}
