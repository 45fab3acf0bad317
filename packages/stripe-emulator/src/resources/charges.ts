import { newId } from "../http/ids.ts";
import type { ApiRequest, Route } from "../http/route.ts";
import type { Risk } from "../risk/bands.ts";
import type { Services } from "../services.ts";
import type { PaymentIntent } from "./payment-intents.ts";
import type { PaymentMethod } from "./payment-methods.ts";
import { readRoutes } from "./read-routes.ts";
import type { ChargeBehavior, TestCard } from "./test-cards.ts";

export const CHARGE = "charge";

/** Authorizations not captured within 7 days expire (docs.stripe.com/payments/place-a-hold-on-a-payment-method). */
const CAPTURE_WINDOW_SECONDS = 7 * 24 * 3600;

type Decline = Extract<ChargeBehavior, { outcome: "decline" }>;

export interface ChargeOutcome {
  advice_code: null;
  network_advice_code: null;
  network_decline_code: null;
  network_status: "approved_by_network" | "declined_by_network" | "not_sent_to_network";
  reason: string | null;
  risk_level: string;
  risk_score: number;
  seller_message: string;
  type: "authorized" | "issuer_declined" | "blocked";
}

export interface Charge {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  application: null;
  application_fee: null;
  application_fee_amount: null;
  balance_transaction: null;
  billing_details: PaymentMethod["billing_details"];
  calculated_statement_descriptor: string | null;
  captured: boolean;
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  disputed: boolean;
  failure_balance_transaction: null;
  failure_code: string | null;
  failure_message: string | null;
  fraud_details: Record<string, string>;
  livemode: false;
  metadata: Record<string, string>;
  on_behalf_of: null;
  outcome: ChargeOutcome;
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  payment_method_details: { card: Record<string, unknown>; type: "card" };
  receipt_email: string | null;
  receipt_number: null;
  receipt_url: null;
  refunded: boolean;
  review: null;
  shipping: PaymentIntent["shipping"];
  source: null;
  source_transfer: null;
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  status: "succeeded" | "failed";
  transfer_data: null;
  transfer_group: string | null;
}

/** What Radar and then the issuer make of a payment, with the error a failure answers. */
export interface Verdict {
  outcome: ChargeOutcome;
  decline: Decline | null;
}

/** Radar's default rule blocks `highest` risk before the issuer sees the payment. */
const BLOCKED: Decline = {
  outcome: "decline",
  code: "card_declined",
  declineCode: "fraudulent",
  message: "Your card was declined.",
};

export function verdict(card: TestCard, risk: Risk): Verdict {
  const assessed = { risk_level: risk.risk_level, risk_score: Math.round(risk.score) };
  const common = { advice_code: null, network_advice_code: null, network_decline_code: null };
  if (risk.risk_level === "highest") {
    return {
      outcome: {
        ...common,
        network_status: "not_sent_to_network",
        reason: "highest_risk_level",
        ...assessed,
        seller_message: "Stripe blocked this payment as too risky.",
        type: "blocked",
      },
      decline: BLOCKED,
    };
  }
  if (card.charge.outcome === "decline") {
    const reason = card.charge.declineCode ?? card.charge.code;
    return {
      outcome: {
        ...common,
        network_status: "declined_by_network",
        reason,
        ...assessed,
        seller_message:
          reason === "generic_decline"
            ? "The bank did not return any further details with this decline."
            : `The bank returned the decline code \`${reason}\`.`,
        type: "issuer_declined",
      },
      decline: card.charge,
    };
  }
  return {
    outcome: {
      ...common,
      network_status: "approved_by_network",
      reason: null,
      ...assessed,
      seller_message: "Payment complete.",
      type: "authorized",
    },
    decline: null,
  };
}

export interface ChargeFor {
  intent: {
    id: string;
    amount: number;
    currency: string;
    customer: string | null;
    description: string | null;
    metadata: Record<string, string>;
    receipt_email: string | null;
    shipping: PaymentIntent["shipping"];
    statement_descriptor: string | null;
    statement_descriptor_suffix: string | null;
    transfer_group: string | null;
  };
  paymentMethod: PaymentMethod;
  verdict: Verdict;
  capture: boolean;
  authenticated: boolean;
}

/** Records the charge a confirmation made and sends `charge.succeeded` or `charge.failed`. */
/** What the statement shows: the account's descriptor (the emulator's) and the payment's suffix. */
function statementDescriptor(intent: ChargeFor["intent"]): string {
  if (intent.statement_descriptor) return intent.statement_descriptor;
  return intent.statement_descriptor_suffix
    ? `EMULATOR* ${intent.statement_descriptor_suffix}`.slice(0, 22)
    : "STRIPE EMULATOR";
}

export function createCharge(services: Services, request: ApiRequest, input: ChargeFor): Charge {
  const { intent, paymentMethod, verdict: result } = input;
  const succeeded = result.decline === null;
  const captured = succeeded && input.capture;
  const card = paymentMethod.card;
  const charge: Charge = {
    id: newId("ch"),
    object: "charge",
    amount: intent.amount,
    amount_captured: captured ? intent.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: paymentMethod.billing_details,
    calculated_statement_descriptor: statementDescriptor(intent),
    captured,
    created: request.now,
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: result.decline?.code ?? null,
    failure_message: result.decline?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: intent.metadata,
    on_behalf_of: null,
    outcome: result.outcome,
    paid: succeeded,
    payment_intent: intent.id,
    payment_method: paymentMethod.id,
    payment_method_details: {
      card: {
        amount_authorized: succeeded ? intent.amount : null,
        authorization_code: succeeded ? newId("x", 6).slice(2).toUpperCase() : null,
        brand: card.brand,
        ...(succeeded && !captured ? { capture_before: request.now + CAPTURE_WINDOW_SECONDS } : {}),
        checks: card.checks,
        country: card.country,
        electronic_commerce_indicator: input.authenticated ? "05" : null,
        exp_month: card.exp_month,
        exp_year: card.exp_year,
        fingerprint: card.fingerprint,
        funding: card.funding,
        installments: null,
        last4: card.last4,
        mandate: null,
        network: card.brand,
        network_transaction_id: succeeded ? newId("x", 15).slice(2) : null,
        regulated_status: card.regulated_status,
        three_d_secure: input.authenticated
          ? { authentication_flow: "challenge", result: "authenticated", version: "2.2.0" }
          : null,
        transaction_link_id: null,
        wallet: null,
      },
      type: "card",
    },
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: intent.shipping,
    source: null,
    source_transfer: null,
    statement_descriptor: intent.statement_descriptor,
    statement_descriptor_suffix: intent.statement_descriptor_suffix,
    status: succeeded ? "succeeded" : "failed",
    transfer_data: null,
    transfer_group: intent.transfer_group,
  };
  saveCharge(services, charge);
  services.events.publish(succeeded ? "charge.succeeded" : "charge.failed", charge, request);
  return charge;
}

export function saveCharge(services: Services, charge: Charge): string {
  return services.store.put(CHARGE, charge.id, charge);
}

export function findCharge(services: Services, id: string): Charge | undefined {
  const entry = services.store.getOf(CHARGE, id);
  return entry ? (JSON.parse(entry.json) as Charge) : undefined;
}

/** Takes back `amount` of a charge (a refund, or an authorization released uncaptured). */
export function takeBack(charge: Charge, amount: number): void {
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount;
}

export function chargeRoutes(services: Services): Route[] {
  return readRoutes(services, CHARGE, "/v1/charges", "charge", ["customer", "payment_intent"]);
}
