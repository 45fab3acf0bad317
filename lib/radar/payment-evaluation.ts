import type Stripe from "stripe";
import { z } from "zod";
import { riskLevelSchema } from "@/lib/radar/signals";
import { classifyStripeFailure } from "@/lib/radar/stripe-failure";

/** Stripe's address object, as billing and shipping details carry it. */
export type Address = {
  line1: string;
  line2?: string | undefined;
  city: string;
  state?: string | undefined;
  postal_code: string;
  country: string;
};

export type PaymentEvaluationRequest = {
  customer: string;
  customerEmail: string;
  customerName: string;
  customerPhone?: string | null | undefined;
  amount: number;
  currency: string;
  paymentMethod: string;
  billingDetails: { name: string; email: string; phone?: string | undefined; address: Address };
  shippingDetails?: { name: string; phone?: string | undefined; address: Address } | undefined;
  description: string;
  statementDescriptor: string;
  radarSession: string | undefined;
  orderId: string;
};

/**
 * The parameters of "Create a Payment Evaluation" (Stripe API reference), for an on-session,
 * one-off card payment.
 */
export function paymentEvaluationParams(
  request: PaymentEvaluationRequest,
): Stripe.Radar.PaymentEvaluationCreateParams {
  return {
    customer_details: {
      customer: request.customer,
      email: request.customerEmail,
      name: request.customerName,
      ...(request.customerPhone ? { phone: request.customerPhone } : {}),
    },
    payment_details: {
      amount: request.amount,
      currency: request.currency,
      description: request.description,
      statement_descriptor: request.statementDescriptor,
      payment_method_details: {
        payment_method: request.paymentMethod,
        billing_details: request.billingDetails,
      },
      money_movement_details: {
        money_movement_type: "card",
        card: { customer_presence: "on_session", payment_type: "one_off" },
      },
      ...(request.shippingDetails ? { shipping_details: request.shippingDetails } : {}),
    },
    ...(request.radarSession
      ? { client_device_metadata_details: { radar_session: request.radarSession } }
      : {}),
    metadata: { order_id: request.orderId },
  };
}

const scoreSchema = z
  .number()
  .nullable()
  // Stripe sends null or -1 when no model produced a score.
  .transform((score) => (score === null || score < 0 ? null : score));

/** The version the stripe package sends: `recommended_action` and `signals` at the top. */
const currentShape = z.object({
  id: z.string().startsWith("peval_"),
  recommended_action: z.string(),
  signals: z.object({
    fraudulent_payment: z.object({
      score: scoreSchema,
      risk_level: riskLevelSchema.nullable(),
      evaluated_at: z.number().int(),
    }),
  }),
});

/**
 * `2026-01-28.preview` (Stripe API reference: "Create a Payment Evaluation"): one dispute-risk
 * insight.
 */
const previewShape = z.object({
  id: z.string().startsWith("peval_"),
  insights: z.object({
    fraudulent_dispute: z.object({ recommended_action: z.string(), risk_score: scoreSchema }),
  }),
});

export type PaymentRisk = {
  id: string;
  recommendedAction: string;
  score: number | null;
  riskLevel: string | null;
  raw: unknown;
};

export type PaymentEvaluationResult =
  | { kind: "available"; risk: PaymentRisk }
  | { kind: "unavailable"; reason: string }
  /** Stripe refused what was sent (a 4xx other than an outage): never a payment that goes on. */
  | { kind: "refused"; reason: string }
  | { kind: "invalid_radar_session"; reason: string };

export function parsePaymentEvaluation(response: unknown): PaymentEvaluationResult {
  const current = currentShape.safeParse(response);
  if (current.success) {
    const signal = current.data.signals.fraudulent_payment;
    return {
      kind: "available",
      risk: {
        id: current.data.id,
        recommendedAction: current.data.recommended_action,
        score: signal.score,
        riskLevel: signal.risk_level,
        raw: response,
      },
    };
  }
  const preview = previewShape.safeParse(response);
  if (preview.success) {
    const insight = preview.data.insights.fraudulent_dispute;
    return {
      kind: "available",
      risk: {
        id: preview.data.id,
        recommendedAction: insight.recommended_action,
        score: insight.risk_score,
        riskLevel: null,
        raw: response,
      },
    };
  }
  return { kind: "unavailable", reason: "Unexpected Payment Evaluation response from Stripe" };
}

/**
 * Scores a payment before it is sent for authorization. Never throws: when the evaluation cannot
 * be had (an outage) the result is `unavailable` and, as Stripe recommends, the payment goes on;
 * when Stripe refuses what was sent it is `refused`, and the payment stops.
 */
export async function createPaymentEvaluation(
  stripe: Stripe,
  request: PaymentEvaluationRequest,
  idempotencyKey: string,
): Promise<PaymentEvaluationResult> {
  try {
    const evaluation = await stripe.radar.paymentEvaluations.create(
      paymentEvaluationParams(request),
      { idempotencyKey, maxNetworkRetries: 0 },
    );
    return parsePaymentEvaluation(evaluation);
  } catch (error) {
    const failure = classifyStripeFailure(error);
    return { kind: failure.kind, reason: failure.message };
  }
}
