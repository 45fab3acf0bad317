import { invalidRequest, pathObjectMissing } from "../http/errors.ts";
import { newId } from "../http/ids.ts";
import { bool, type Fields, obj, str, stringMap, validateParams } from "../http/params.ts";
import { type ApiRequest, ok, type Route } from "../http/route.ts";
import type { Services } from "../services.ts";
import { type Charge, saveCharge } from "./charges.ts";
import { mergeMetadata } from "./customers.ts";
import { readRoutes } from "./read-routes.ts";
import type { TestCard } from "./test-cards.ts";

export const DISPUTE = "dispute";
export const EARLY_FRAUD_WARNING = "radar.early_fraud_warning";

/** Evidence fields of a Dispute (docs.stripe.com/api/disputes/object), all empty until answered. */
const EVIDENCE_FIELDS =
  "access_activity_log billing_address cancellation_policy cancellation_policy_disclosure cancellation_rebuttal customer_communication customer_email_address customer_name customer_purchase_ip customer_signature duplicate_charge_documentation duplicate_charge_explanation duplicate_charge_id product_description receipt refund_policy refund_policy_disclosure refund_refusal_explanation service_date service_documentation shipping_address shipping_carrier shipping_date shipping_documentation shipping_tracking_number uncategorized_file uncategorized_text".split(
    " ",
  );

const evidenceFields: Fields = Object.fromEntries(
  EVIDENCE_FIELDS.map((field) => [field, { type: "string", emptyAllowed: true }]),
);

/** The fields of a Dispute that answering it changes. */
interface Dispute {
  id: string;
  /** The evidence fields, and `enhanced_evidence`. */
  evidence: Record<string, unknown>;
  evidence_details: {
    due_by: number | null;
    has_evidence: boolean;
    submission_count: number;
    submission_method: string;
  };
  metadata: Record<string, string>;
  status: string;
}

/** Statuses in which the dispute still takes evidence; an inquiry's start with `warning_`. */
const OPEN_STATUSES = new Set(["needs_response", "warning_needs_response"]);
const CLOSED_STATUSES = new Set(["won", "lost", "warning_closed"]);

/**
 * Where submitted evidence takes a dispute: Stripe's test values in `uncategorized_text`
 * (docs.stripe.com/testing#evidence) win or lose it at once; anything else is under review.
 */
function afterSubmission(dispute: Dispute): string {
  const inquiry = dispute.status.startsWith("warning_");
  const text = dispute.evidence.uncategorized_text;
  if (text === "winning_evidence") return inquiry ? "warning_closed" : "won";
  if (text === "losing_evidence") return "lost";
  return inquiry ? "warning_under_review" : "under_review";
}

function loadDispute(services: Services, id: string): Dispute {
  const entry = services.store.getOf(DISPUTE, id);
  if (!entry) throw pathObjectMissing("dispute", id);
  return JSON.parse(entry.json) as Dispute;
}

/** Saves a changed dispute with `charge.dispute.updated`, and `charge.dispute.closed` once closed. */
function saveDispute(services: Services, request: ApiRequest, dispute: Dispute): string {
  const json = services.store.put(DISPUTE, dispute.id, dispute);
  services.events.publish("charge.dispute.updated", dispute, request);
  if (CLOSED_STATUSES.has(dispute.status)) {
    services.events.publish("charge.dispute.closed", dispute, request);
  }
  return json;
}

function requireOpen(dispute: Dispute): void {
  if (!OPEN_STATUSES.has(dispute.status)) {
    throw invalidRequest(
      `This dispute cannot be changed because its status is ${dispute.status}.`,
      undefined,
      "dispute",
    );
  }
}

/** Stores evidence (and metadata); with `submit` (the default, as Stripe's) sends it. */
function update(services: Services, request: ApiRequest): string {
  const dispute = loadDispute(services, request.pathParams.id ?? "");
  const params = validateParams(request, {
    evidence: { type: "object", fields: evidenceFields },
    metadata: { type: "metadata" },
    submit: { type: "boolean" },
    expand: { type: "any" },
  });
  requireOpen(dispute);
  const evidence = obj(params, "evidence") ?? {};
  for (const field of Object.keys(evidence)) dispute.evidence[field] = str(evidence, field) || null;
  dispute.evidence_details.has_evidence = EVIDENCE_FIELDS.some((field) => dispute.evidence[field]);
  dispute.metadata = mergeMetadata(
    dispute.metadata,
    stringMap(params, "metadata"),
    request.form.metadata === "",
  );
  if (bool(params, "submit") ?? true) {
    dispute.evidence_details.submission_count += 1;
    dispute.evidence_details.submission_method = "manual";
    dispute.evidence_details.due_by = null;
    dispute.status = afterSubmission(dispute);
  }
  return saveDispute(services, request, dispute);
}

/** Accepting a dispute: a chargeback is lost, an inquiry closed. */
function close(services: Services, request: ApiRequest): string {
  const dispute = loadDispute(services, request.pathParams.id ?? "");
  validateParams(request, { expand: { type: "any" } });
  requireOpen(dispute);
  dispute.status = dispute.status.startsWith("warning_") ? "warning_closed" : "lost";
  return saveDispute(services, request, dispute);
}

/** How long the issuer gives to answer a dispute in test mode. */
const EVIDENCE_DUE_SECONDS = 21 * 24 * 3600;

/**
 * What the card's issuer does once a charge is captured: the disputes and the early fraud
 * warning Stripe's test cards ask for, each with its event. Marks the charge disputed.
 */
export function afterCapture(
  services: Services,
  request: ApiRequest,
  charge: Charge,
  card: TestCard,
): void {
  const disputes = card.disputes ?? [];
  if (card.earlyFraudWarning) {
    const warning = {
      id: newId("issfr"),
      object: EARLY_FRAUD_WARNING,
      actionable: disputes.length === 0,
      charge: charge.id,
      created: request.now,
      fraud_type: card.earlyFraudWarning,
      livemode: false,
      payment_intent: charge.payment_intent,
    };
    services.store.put(EARLY_FRAUD_WARNING, warning.id, warning);
    services.events.publish("radar.early_fraud_warning.created", warning, request);
  }
  if (disputes.length === 0) return;
  charge.disputed = true;
  saveCharge(services, charge);
  for (const behavior of disputes) {
    const dispute = {
      id: newId("du"),
      object: DISPUTE,
      amount: charge.amount_captured,
      balance_transactions: [],
      charge: charge.id,
      created: request.now,
      currency: charge.currency,
      enhanced_eligibility_types: behavior.enhancedEligibility ?? [],
      evidence: {
        ...Object.fromEntries(EVIDENCE_FIELDS.map((field) => [field, null])),
        enhanced_evidence: {},
      },
      evidence_details: {
        due_by: request.now + EVIDENCE_DUE_SECONDS,
        enhanced_eligibility: {},
        has_evidence: false,
        past_due: false,
        submission_count: 0,
        submission_method: "not_submitted",
      },
      intended_submission_method: null,
      is_charge_refundable: false,
      livemode: false,
      metadata: {},
      payment_intent: charge.payment_intent,
      payment_method_details: {
        card: {
          brand: charge.payment_method_details.card.brand,
          case_type: behavior.inquiry ? "inquiry" : "chargeback",
          network: charge.payment_method_details.card.network,
          network_reason_code: null,
        },
        type: "card",
      },
      reason: behavior.reason,
      status: behavior.inquiry ? "warning_needs_response" : "needs_response",
    };
    services.store.put(DISPUTE, dispute.id, dispute);
    services.events.publish("charge.dispute.created", dispute, request);
  }
}

/**
 * A fully refunded charge's early fraud warnings are no longer actionable: there is nothing left
 * to refund to head off a dispute.
 */
export function settleWarnings(services: Services, request: ApiRequest, charge: Charge): void {
  if (!charge.refunded) return;
  const needle = `"charge":${JSON.stringify(charge.id)}`;
  for (const entry of services.store.newestFirst(EARLY_FRAUD_WARNING)) {
    if (!entry.json.includes(needle)) continue;
    const warning = JSON.parse(entry.json) as { id: string; actionable: boolean };
    if (!warning.actionable) continue;
    warning.actionable = false;
    services.store.put(EARLY_FRAUD_WARNING, warning.id, warning);
    services.events.publish("radar.early_fraud_warning.updated", warning, request);
  }
}

export function disputeRoutes(services: Services): Route[] {
  return [
    ...readRoutes(services, DISPUTE, "/v1/disputes", "dispute", ["charge", "payment_intent"]),
    {
      method: "POST",
      path: "/v1/disputes/:id",
      handler: (request) => ok(update(services, request)),
    },
    {
      method: "POST",
      path: "/v1/disputes/:id/close",
      handler: (request) => ok(close(services, request)),
    },
    ...readRoutes(
      services,
      EARLY_FRAUD_WARNING,
      "/v1/radar/early_fraud_warnings",
      "early fraud warning",
      ["charge", "payment_intent"],
    ),
  ];
}
