import { invalidRequest } from "../http/errors.ts";
import { newId } from "../http/ids.ts";
import {
  addressFields,
  type Fields,
  int,
  obj,
  type Params,
  str,
  stringMap,
  validateParams,
} from "../http/params.ts";
import { type ApiRequest, ok, type Route } from "../http/route.ts";
import { versionBefore } from "../http/versions.ts";
import type { Risk, RiskLevel } from "../risk/bands.ts";
import type { DeviceFacts, PaymentFacts } from "../risk/history.ts";
import { type PaymentInputs, scorePayment } from "../risk/scoring.ts";
import type { Services } from "../services.ts";
import type { Entry } from "../store/store.ts";
import { requireCustomer } from "./customers.ts";
import { requireRadarSession } from "./radar-sessions.ts";
import type { TestCard } from "./test-cards.ts";

export const PAYMENT_EVALUATION = "radar.payment_evaluation";

/** The response shape changed on this date: `insights` + `status` before, `signals` after. */
export const SIGNALS_SHAPE_FROM = "2026-03-25";

export const SUPPORTED_CURRENCIES = new Set(
  "usd eur gbp cad aud jpy chf sek nok dkk nzd sgd hkd mxn brl inr pln czk huf ron bgn ils zar aed thb myr php idr krw twd".split(
    " ",
  ),
);

/** What the risk model saw; the explanation is `scorePayment(inputs)`, recomputed on demand. */
export interface PaymentEvaluationMeta {
  facts: PaymentFacts;
  inputs: PaymentInputs;
}

const addressObject: Fields[string] = { type: "object", fields: addressFields };

const createFields: Fields = {
  customer_details: {
    type: "object",
    required: true,
    fields: {
      customer: { type: "string" },
      customer_account: { type: "string" },
      email: { type: "string", maxLength: 800 },
      name: { type: "string" },
      phone: { type: "string" },
    },
  },
  payment_details: {
    type: "object",
    required: true,
    fields: {
      amount: { type: "integer", required: true, min: 1 },
      currency: { type: "string", required: true },
      payment_method_details: {
        type: "object",
        required: true,
        fields: {
          payment_method: { type: "string", required: true },
          billing_details: {
            type: "object",
            fields: {
              address: addressObject,
              email: { type: "string", maxLength: 800 },
              name: { type: "string" },
              phone: { type: "string" },
            },
          },
        },
      },
      description: { type: "string" },
      money_movement_details: {
        type: "object",
        fields: {
          money_movement_type: { type: "enum", values: ["card"], required: true },
          card: {
            type: "object",
            fields: {
              customer_presence: { type: "enum", values: ["off_session", "on_session"] },
              payment_type: {
                type: "enum",
                values: ["one_off", "recurring", "setup_one_off", "setup_recurring"],
              },
            },
          },
        },
      },
      shipping_details: {
        type: "object",
        fields: { address: addressObject, name: { type: "string" }, phone: { type: "string" } },
      },
      statement_descriptor: { type: "string", maxLength: 22 },
    },
  },
  client_device_metadata_details: {
    type: "object",
    fields: { radar_session: { type: "string", required: true } },
  },
  metadata: { type: "metadata" },
  expand: { type: "any" },
};

function addressOut(params: Params | undefined): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const key of Object.keys(addressFields)) out[key] = str(params, key) ?? null;
  return out;
}

function create(services: Services, request: ApiRequest): string {
  const params = validateParams(request, createFields);
  const customerDetails = obj(params, "customer_details");
  const payment = obj(params, "payment_details");
  const methodDetails = obj(payment, "payment_method_details");
  const currency = str(payment, "currency") ?? "";
  if (!SUPPORTED_CURRENCIES.has(currency)) {
    throw invalidRequest(
      `Invalid currency: ${currency}. Stripe currently supports these currencies: ${[...SUPPORTED_CURRENCIES].join(", ")}`,
      "parameter_invalid_string",
      "payment_details[currency]",
    );
  }
  const customer = str(customerDetails, "customer") ?? null;
  if (customer) requireCustomer(services, customer, "customer_details[customer]");
  const paymentMethodId = str(methodDetails, "payment_method") ?? "";
  const card = services.paymentMethods.cardOf(paymentMethodId);
  if (!card) {
    services.paymentMethods.resolve(
      paymentMethodId,
      request,
      "payment_details[payment_method_details][payment_method]",
    );
  }
  const radarSession = str(obj(params, "client_device_metadata_details"), "radar_session");
  let device: DeviceFacts | null = null;
  if (radarSession) {
    const session = requireRadarSession(
      services,
      radarSession,
      "client_device_metadata_details[radar_session]",
    );
    device = { device: session.device, ip: session.ip, timezone: session.timezone };
  }
  const billing = obj(methodDetails, "billing_details");
  const billingCountry = str(obj(billing, "address"), "country");
  const shipping = obj(payment, "shipping_details");
  const shippingCountry = str(obj(shipping, "address"), "country");
  const amount = int(payment, "amount") ?? 0;
  const inputs: PaymentInputs = {
    forced: card?.risk,
    amount,
    ...services.risk.paymentInputs(customer, device, request.now),
    billingCountryMismatch:
      billingCountry !== undefined && card !== undefined && billingCountry !== card.country,
    shippingCountryMismatch:
      shippingCountry !== undefined &&
      billingCountry !== undefined &&
      shippingCountry !== billingCountry,
  };
  const assessment = scorePayment(inputs);
  const facts: PaymentFacts = { customer, at: request.now };
  services.risk.recordPayment(facts);

  const moneyMovement = obj(payment, "money_movement_details");
  const moneyCard = obj(moneyMovement, "card");
  const id = newId("peval");
  const metadata = stringMap(params, "metadata") ?? {};
  const evaluation = {
    id,
    object: PAYMENT_EVALUATION,
    client_device_metadata_details: radarSession ? { radar_session: radarSession } : undefined,
    created_at: request.now,
    customer_details: {
      customer,
      customer_account: str(customerDetails, "customer_account") ?? null,
      email: str(customerDetails, "email") ?? null,
      name: str(customerDetails, "name") ?? null,
      phone: str(customerDetails, "phone") ?? null,
    },
    events: [],
    livemode: false,
    metadata,
    outcome: null,
    payment_details: {
      amount,
      currency,
      description: str(payment, "description") ?? null,
      money_movement_details: moneyMovement
        ? {
            card: moneyCard
              ? {
                  customer_presence: str(moneyCard, "customer_presence") ?? null,
                  payment_type: str(moneyCard, "payment_type") ?? null,
                }
              : null,
            money_movement_type: "card",
          }
        : null,
      payment_method_details: {
        billing_details: billing
          ? {
              address: addressOut(obj(billing, "address")),
              email: str(billing, "email") ?? null,
              name: str(billing, "name") ?? null,
              phone: str(billing, "phone") ?? null,
            }
          : null,
        payment_method: paymentMethodId,
      },
      shipping_details: shipping
        ? {
            address: addressOut(obj(shipping, "address")),
            name: str(shipping, "name") ?? null,
            phone: str(shipping, "phone") ?? null,
          }
        : null,
      statement_descriptor: str(payment, "statement_descriptor") ?? null,
    },
    recommended_action: assessment.recommended_action,
    signals: {
      early_fraud_warning: null,
      fraudulent_dispute: null,
      fraudulent_payment: {
        evaluated_at: request.now,
        risk_level: assessment.risk_level,
        score: assessment.score,
      },
    },
  };
  const meta: PaymentEvaluationMeta = { facts, inputs };
  const json = services.store.put(PAYMENT_EVALUATION, id, evaluation, meta);
  if (!versionBefore(request.apiVersion, SIGNALS_SHAPE_FROM)) return json;
  // The 2026-01-28.preview shape (Stripe API reference: "Create a Payment Evaluation").
  return JSON.stringify({
    id,
    object: PAYMENT_EVALUATION,
    created_at: request.now,
    insights: {
      evaluated_at: request.now,
      fraudulent_dispute: {
        recommended_action: assessment.recommended_action,
        risk_score: Math.round(assessment.score),
      },
    },
    livemode: false,
    metadata,
    status: "requires_action",
  });
}

export function paymentEvaluationRoutes(services: Services): Route[] {
  return [
    {
      method: "POST",
      path: "/v1/radar/payment_evaluations",
      handler: (request) => ok(create(services, request)),
    },
  ];
}

const REJECTION_REASONS: Record<string, string> = {
  generic_decline: "do_not_honor",
  insufficient_funds: "insufficient_funds",
  lost_card: "lost_card",
  stolen_card: "reported_stolen",
  expired_card: "expired",
  incorrect_cvc: "incorrect_cvc",
  processing_error: "processing_error",
};

/** How many recent payment evaluations are searched for the one a payment belongs to. */
const OUTCOME_LOOKBACK = 500;

interface StoredEvaluation {
  outcome: unknown;
  customer_details: { customer: string | null };
  signals: { fraudulent_payment: { risk_level: RiskLevel; score: number } };
}

/**
 * The most recent payment evaluation made for one of the PaymentMethods (and the customer, when
 * both have one), if it has no outcome yet: the evaluation the payment belongs to.
 */
function openEvaluation(
  services: Services,
  paymentMethodIds: string[],
  customer: string | null,
): { entry: Entry; evaluation: StoredEvaluation } | undefined {
  const needles = paymentMethodIds.map((id) => `"payment_method":${JSON.stringify(id)}`);
  let searched = 0;
  for (const entry of services.store.newestFirst(PAYMENT_EVALUATION)) {
    if (++searched > OUTCOME_LOOKBACK) return undefined;
    if (!needles.some((needle) => entry.json.includes(needle))) continue;
    const evaluation = JSON.parse(entry.json) as StoredEvaluation;
    const evaluated = evaluation.customer_details.customer;
    if (evaluated && customer && evaluated !== customer) continue;
    return evaluation.outcome === null ? { entry, evaluation } : undefined;
  }
  return undefined;
}

/**
 * A payment's risk as Radar sees it when the card is charged: the score of the payment
 * evaluation it belongs to, or else the payment scored now (without a Radar Session).
 */
export function paymentRisk(
  services: Services,
  payment: {
    paymentMethodIds: string[];
    customer: string | null;
    amount: number;
    card: TestCard;
    billingCountry: string | null;
    now: number;
  },
): Risk {
  const open = openEvaluation(services, payment.paymentMethodIds, payment.customer);
  if (open) {
    const signal = open.evaluation.signals.fraudulent_payment;
    return { score: signal.score, risk_level: signal.risk_level };
  }
  return scorePayment({
    forced: payment.card.risk,
    amount: payment.amount,
    ...services.risk.paymentInputs(payment.customer, null, payment.now),
    billingCountryMismatch:
      payment.billingCountry !== null && payment.billingCountry !== payment.card.country,
    shippingCountryMismatch: false,
  });
}

/** Records a PaymentIntent's result as the `outcome` of the payment evaluation it belongs to. */
export function recordPaymentOutcome(
  services: Services,
  payment: {
    paymentMethodIds: string[];
    customer: string | null;
    paymentIntentId: string;
    declineCode: string | null;
  },
): void {
  const open = openEvaluation(services, payment.paymentMethodIds, payment.customer);
  if (!open) return;
  const { entry, evaluation } = open;
  const checks = {
    address_line1_check: "unchecked",
    address_postal_code_check: "unchecked",
    cvc_check: "pass",
  };
  evaluation.outcome =
    payment.declineCode === null
      ? {
          type: "succeeded",
          payment_intent_id: payment.paymentIntentId,
          succeeded: { card: checks },
        }
      : {
          type: "rejected",
          payment_intent_id: payment.paymentIntentId,
          rejected: {
            card: { ...checks, reason: REJECTION_REASONS[payment.declineCode] ?? "other" },
          },
        };
  services.store.putJson(PAYMENT_EVALUATION, entry.id, JSON.stringify(evaluation), entry.meta);
}
