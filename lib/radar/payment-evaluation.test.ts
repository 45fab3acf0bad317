import { describe, expect, it } from "vitest";
import { parsePaymentEvaluation, paymentEvaluationParams } from "@/lib/radar/payment-evaluation";

describe("parsePaymentEvaluation", () => {
  it("reads the 2026-01-28.preview response of Create a Payment Evaluation", () => {
    const seed = {
      id: "peval_123456789",
      created_at: 1704067200,
      insights: {
        evaluated_at: 1726181396,
        fraudulent_dispute: { recommended_action: "continue", risk_score: 50 },
      },
      livemode: false,
      metadata: {},
      status: "requires_action",
    };
    expect(parsePaymentEvaluation(seed)).toEqual({
      kind: "available",
      risk: {
        id: "peval_123456789",
        recommendedAction: "continue",
        score: 50,
        riskLevel: null,
        raw: seed,
      },
    });
  });

  it("reads the current shape the stripe package asks for", () => {
    const current = {
      id: "peval_abc",
      object: "radar.payment_evaluation",
      created_at: 1,
      livemode: false,
      metadata: { order_id: "o1" },
      recommended_action: "block",
      signals: {
        fraudulent_payment: { evaluated_at: 1, risk_level: "highest", score: 91.5 },
        fraudulent_dispute: null,
        early_fraud_warning: null,
      },
      events: [],
      outcome: null,
    };
    expect(parsePaymentEvaluation(current)).toMatchObject({
      kind: "available",
      risk: { id: "peval_abc", recommendedAction: "block", score: 91.5, riskLevel: "highest" },
    });
  });

  it("reads a score of -1 or null as no score", () => {
    const unscored = {
      id: "peval_x",
      recommended_action: "continue",
      signals: { fraudulent_payment: { evaluated_at: 1, risk_level: "not_assessed", score: -1 } },
    };
    expect(parsePaymentEvaluation(unscored)).toMatchObject({ risk: { score: null } });
  });

  it("reports anything else as unavailable", () => {
    expect(parsePaymentEvaluation({ id: "pi_1" })).toMatchObject({ kind: "unavailable" });
  });
});

describe("paymentEvaluationParams", () => {
  it("sends every parameter Create a Payment Evaluation documents", () => {
    const address = { line1: "1 Main", city: "Springfield", postal_code: "12345", country: "US" };
    expect(
      paymentEvaluationParams({
        customer: "cus_1",
        customerEmail: "jenny@example.com",
        customerName: "Jenny",
        customerPhone: "+15550100",
        amount: 1200,
        currency: "usd",
        paymentMethod: "pm_1",
        billingDetails: { name: "Jenny", email: "jenny@example.com", address },
        shippingDetails: { name: "Jo", address },
        description: "1 × Notes",
        statementDescriptor: "RADAR REFERENCE",
        radarSession: "rse_1",
        orderId: "order_1",
      }),
    ).toEqual({
      customer_details: {
        customer: "cus_1",
        email: "jenny@example.com",
        name: "Jenny",
        phone: "+15550100",
      },
      payment_details: {
        amount: 1200,
        currency: "usd",
        description: "1 × Notes",
        statement_descriptor: "RADAR REFERENCE",
        payment_method_details: {
          payment_method: "pm_1",
          billing_details: { name: "Jenny", email: "jenny@example.com", address },
        },
        money_movement_details: {
          money_movement_type: "card",
          card: { customer_presence: "on_session", payment_type: "one_off" },
        },
        shipping_details: { name: "Jo", address },
      },
      client_device_metadata_details: { radar_session: "rse_1" },
      metadata: { order_id: "order_1" },
    });
  });
});
