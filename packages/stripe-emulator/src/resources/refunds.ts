import { invalidRequest, resourceMissing } from "../http/errors.ts";
import { newId } from "../http/ids.ts";
import { type Fields, int, str, stringMap, validateParams } from "../http/params.ts";
import { type ApiRequest, ok, type Route } from "../http/route.ts";
import type { Services } from "../services.ts";
import { type Charge, findCharge, saveCharge, takeBack } from "./charges.ts";
import { settleWarnings } from "./disputes.ts";
import { PAYMENT_INTENT } from "./payment-intents.ts";
import { readRoutes } from "./read-routes.ts";

export const REFUND = "refund";

const createFields: Fields = {
  amount: { type: "integer", min: 1 },
  charge: { type: "string" },
  payment_intent: { type: "string" },
  reason: { type: "enum", values: ["duplicate", "fraudulent", "requested_by_customer"] },
  metadata: { type: "metadata" },
  expand: { type: "any" },
};

/** The charge a refund names, directly or through its PaymentIntent's latest charge. */
function chargeToRefund(services: Services, chargeId?: string, intentId?: string): Charge {
  if (chargeId) {
    const charge = findCharge(services, chargeId);
    if (!charge) throw resourceMissing("charge", chargeId, "charge");
    if (intentId && charge.payment_intent !== intentId) {
      throw invalidRequest(
        `Charge ${chargeId} does not belong to PaymentIntent ${intentId}.`,
        undefined,
        "charge",
      );
    }
    return charge;
  }
  if (!intentId) {
    throw invalidRequest(
      "One of the following params should be provided for this request: payment_intent or charge.",
      "parameter_missing",
    );
  }
  const entry = services.store.getOf(PAYMENT_INTENT, intentId);
  if (!entry) throw resourceMissing("payment_intent", intentId, "payment_intent");
  const { latest_charge: latest } = JSON.parse(entry.json) as { latest_charge: string | null };
  const charge = latest ? findCharge(services, latest) : undefined;
  if (!charge?.captured) {
    throw invalidRequest(
      "This PaymentIntent does not have a successful charge to refund.",
      undefined,
      "payment_intent",
    );
  }
  return charge;
}

function create(services: Services, request: ApiRequest): string {
  const params = validateParams(request, createFields);
  const charge = chargeToRefund(services, str(params, "charge"), str(params, "payment_intent"));
  if (!charge.captured) {
    throw invalidRequest(
      `Charge ${charge.id} has no captured funds to refund.`,
      undefined,
      "charge",
    );
  }
  if (charge.disputed) {
    throw invalidRequest(
      `Charge ${charge.id} has been charged back; cannot issue a refund.`,
      "charge_disputed",
    );
  }
  if (charge.refunded) {
    throw invalidRequest(
      `Charge ${charge.id} has already been refunded.`,
      "charge_already_refunded",
    );
  }
  const refundable = charge.amount - charge.amount_refunded;
  const amount = int(params, "amount") ?? refundable;
  if (amount > refundable) {
    throw invalidRequest(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${refundable})`,
      "amount_too_large",
      "amount",
    );
  }
  const refund = {
    id: newId("re"),
    object: REFUND,
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: request.now,
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    metadata: stringMap(params, "metadata") ?? {},
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: str(params, "reason") ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    transfer_reversal: null,
    status: services.paymentMethods.find(charge.payment_method)?.card.refundStatus ?? "succeeded",
  };
  const json = services.store.put(REFUND, refund.id, refund);
  takeBack(charge, amount);
  saveCharge(services, charge);
  services.events.publish("refund.created", refund, request);
  services.events.publish("charge.refunded", charge, request);
  settleWarnings(services, request, charge);
  return json;
}

export function refundRoutes(services: Services): Route[] {
  return [
    { method: "POST", path: "/v1/refunds", handler: (request) => ok(create(services, request)) },
    ...readRoutes(services, REFUND, "/v1/refunds", "refund", ["charge", "payment_intent"]),
  ];
}
