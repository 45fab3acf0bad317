import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../testing/in-process.ts";
import { rejection } from "../testing/rejection.ts";

const SECRET = "whsec_after_the_charge";

/** Refunds, disputes and early fraud warnings: what happens once a payment is charged. */
describe("contract: refunds, disputes and early fraud warnings", () => {
  let emu: TestEmulator;
  let stripe: Stripe;
  let receiver: Server;
  const deliveries: Stripe.Event[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const signature = String(request.headers["stripe-signature"]);
        deliveries.push(stripe.webhooks.constructEvent(body, signature, SECRET));
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const port = (receiver.address() as AddressInfo).port;
    emu = await startTestEmulator({
      webhook: { url: `http://127.0.0.1:${port}/webhooks`, secret: SECRET },
    });
    stripe = emu.stripe;
  });

  afterAll(async () => {
    await emu.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  /** The signed delivery of an event of `type` about `objectId`, once it has arrived. */
  async function delivered(type: string, objectId: string): Promise<Stripe.Event> {
    for (let i = 0; i < 250; i++) {
      const event = deliveries.find(
        (candidate) =>
          candidate.type === type && (candidate.data.object as { id: string }).id === objectId,
      );
      if (event) return event;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no ${type} delivered for ${objectId}`);
  }

  function confirmed(paymentMethod: string, captureMethod: "automatic" | "manual") {
    return stripe.paymentIntents.create({
      amount: 3000,
      currency: "eur",
      payment_method: paymentMethod,
      capture_method: captureMethod,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      confirm: true,
    });
  }

  async function paid(paymentMethod: string) {
    const intent = await confirmed(paymentMethod, "automatic");
    expect(intent.status).toBe("succeeded");
    return { intent, chargeId: String(intent.latest_charge) };
  }

  const refusal = (call: Promise<unknown>) =>
    rejection(call, Stripe.errors.StripeInvalidRequestError);

  it("refunds part of a payment by PaymentIntent, then the rest by charge", async () => {
    const { intent, chargeId } = await paid("pm_card_visa");
    const partial = await stripe.refunds.create({
      payment_intent: intent.id,
      amount: 1000,
      reason: "requested_by_customer",
      metadata: { ticket: "42" },
    });
    expect(partial).toMatchObject({
      object: "refund",
      amount: 1000,
      charge: chargeId,
      payment_intent: intent.id,
      currency: "eur",
      reason: "requested_by_customer",
      status: "succeeded",
      metadata: { ticket: "42" },
    });
    expect(partial.id).toMatch(/^re_/);
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({
      amount_refunded: 1000,
      refunded: false,
    });
    const charged = await delivered("charge.refunded", chargeId);
    expect((charged.data.object as Stripe.Charge).amount_refunded).toBe(1000);

    const rest = await stripe.refunds.create({ charge: chargeId });
    expect(rest.amount).toBe(2000);
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({
      amount_refunded: 3000,
      refunded: true,
    });
    const retrieved = await stripe.refunds.retrieve(partial.id, { expand: ["payment_intent"] });
    expect(retrieved).toMatchObject({ amount: 1000, payment_intent: { id: intent.id } });
    const listed = await stripe.refunds.list({ payment_intent: intent.id });
    expect(listed.data.map((refund) => refund.id)).toEqual([rest.id, partial.id]);

    const again = await refusal(stripe.refunds.create({ charge: chargeId }));
    expect(again.code).toBe("charge_already_refunded");
  });

  it("refuses a refund larger than what is left, and one naming nothing", async () => {
    const { chargeId } = await paid("pm_card_mastercard");
    const tooLarge = await refusal(stripe.refunds.create({ charge: chargeId, amount: 3001 }));
    expect(tooLarge).toMatchObject({ code: "amount_too_large", param: "amount" });
    const nothing = await refusal(stripe.refunds.create({}));
    expect(nothing.message).toBe(
      "One of the following params should be provided for this request: payment_intent or charge.",
    );
    const missing = await refusal(stripe.refunds.create({ charge: "ch_missing" }));
    expect(missing).toMatchObject({ code: "resource_missing", param: "charge" });
  });

  it("refuses to refund a PaymentIntent with nothing captured", async () => {
    const held = await confirmed("pm_card_visa", "manual");
    const error = await refusal(stripe.refunds.create({ payment_intent: held.id }));
    expect(error.param).toBe("payment_intent");
  });

  it("starts a refund of the pending-refund card as pending", async () => {
    const { chargeId } = await paid("pm_card_pendingRefund");
    expect((await stripe.refunds.create({ charge: chargeId })).status).toBe("pending");
  });

  it.each([
    ["pm_card_createDispute", "fraudulent", "needs_response"],
    ["pm_card_createDisputeProductNotReceived", "product_not_received", "needs_response"],
    ["pm_card_createDisputeInquiry", "fraudulent", "warning_needs_response"],
  ])("%s is disputed (%s, %s) once charged", async (pm, reason, status) => {
    const { intent, chargeId } = await paid(pm);
    const disputes = await stripe.disputes.list({ charge: chargeId });
    expect(disputes.data).toHaveLength(1);
    const dispute = disputes.data[0] as Stripe.Dispute;
    expect(dispute).toMatchObject({
      object: "dispute",
      amount: 3000,
      currency: "eur",
      charge: chargeId,
      payment_intent: intent.id,
      reason,
      status,
      is_charge_refundable: false,
    });
    expect(dispute.id).toMatch(/^du_/);
    expect(dispute.evidence.uncategorized_text).toBeNull();
    const expanded = await stripe.disputes.retrieve(dispute.id, { expand: ["charge"] });
    expect(expanded.charge).toMatchObject({ id: chargeId, disputed: true });
    expect((await stripe.charges.retrieve(chargeId)).disputed).toBe(true);
    const event = await delivered("charge.dispute.created", dispute.id);
    expect((event.data.object as Stripe.Dispute).charge).toBe(chargeId);

    const refund = await refusal(stripe.refunds.create({ charge: chargeId }));
    expect(refund.code).toBe("charge_disputed");
  });

  async function disputeOf(paymentMethod: string): Promise<Stripe.Dispute> {
    const { chargeId } = await paid(paymentMethod);
    const [dispute] = (await stripe.disputes.list({ charge: chargeId })).data;
    if (!dispute) throw new Error(`no dispute for ${paymentMethod}`);
    return dispute;
  }

  it("wins a dispute with Stripe's winning evidence", async () => {
    const dispute = await disputeOf("pm_card_createDispute");
    const won = await stripe.disputes.update(dispute.id, {
      evidence: { uncategorized_text: "winning_evidence", customer_name: "Jenny Rosen" },
    });
    expect(won).toMatchObject({
      status: "won",
      evidence: { uncategorized_text: "winning_evidence", customer_name: "Jenny Rosen" },
      evidence_details: { has_evidence: true, submission_count: 1, due_by: null },
    });
    await delivered("charge.dispute.updated", dispute.id);
    const closed = await delivered("charge.dispute.closed", dispute.id);
    expect((closed.data.object as Stripe.Dispute).status).toBe("won");
  });

  it("keeps a draft open, loses with losing evidence, then takes no more", async () => {
    const dispute = await disputeOf("pm_card_createDisputeProductNotReceived");
    const draft = await stripe.disputes.update(dispute.id, {
      evidence: { uncategorized_text: "losing_evidence" },
      submit: false,
      metadata: { case: "17" },
    });
    expect(draft).toMatchObject({
      status: "needs_response",
      metadata: { case: "17" },
      evidence_details: { has_evidence: true, submission_count: 0 },
    });
    expect((await stripe.disputes.update(dispute.id)).status).toBe("lost");
    const late = await refusal(stripe.disputes.update(dispute.id, { submit: true }));
    expect(late.message).toMatch(/status is lost/);
  });

  it("sends other evidence for review, and closes an inquiry when accepted", async () => {
    const chargeback = await disputeOf("pm_card_createDispute");
    const submitted = await stripe.disputes.update(chargeback.id, {
      evidence: { product_description: "A blue mug" },
    });
    expect(submitted.status).toBe("under_review");

    const inquiry = await disputeOf("pm_card_createDisputeInquiry");
    expect((await stripe.disputes.close(inquiry.id)).status).toBe("warning_closed");
    await delivered("charge.dispute.closed", inquiry.id);
    const accepted = await disputeOf("pm_card_createDispute");
    expect((await stripe.disputes.close(accepted.id)).status).toBe("lost");
  });

  it("disputes the multiple-disputes card twice", async () => {
    const { chargeId } = await paid("pm_card_createMultipleDisputes");
    expect((await stripe.disputes.list({ charge: chargeId })).data).toHaveLength(2);
  });

  it("sends an early fraud warning for the issuer fraud record card", async () => {
    const { intent, chargeId } = await paid("pm_card_createIssuerFraudRecord");
    const warnings = await stripe.radar.earlyFraudWarnings.list({ charge: chargeId });
    expect(warnings.data).toHaveLength(1);
    const warning = warnings.data[0] as Stripe.Radar.EarlyFraudWarning;
    expect(warning).toMatchObject({
      object: "radar.early_fraud_warning",
      actionable: true,
      charge: chargeId,
      payment_intent: intent.id,
      fraud_type: "made_with_stolen_card",
    });
    expect(warning.id).toMatch(/^issfr_/);
    await delivered("radar.early_fraud_warning.created", warning.id);
    const expanded = await stripe.radar.earlyFraudWarnings.retrieve(warning.id, {
      expand: ["charge"],
    });
    expect(expanded.charge).toMatchObject({ id: chargeId });
    expect((await stripe.disputes.list({ charge: chargeId })).data).toHaveLength(0);

    await stripe.refunds.create({ payment_intent: intent.id, reason: "fraudulent" });
    expect(await stripe.radar.earlyFraudWarnings.retrieve(warning.id)).toMatchObject({
      actionable: false,
    });
    await delivered("radar.early_fraud_warning.updated", warning.id);
  });

  it("disputes a manually captured payment only once it is captured", async () => {
    const held = await confirmed("pm_card_createDispute", "manual");
    const chargeId = String(held.latest_charge);
    expect((await stripe.disputes.list({ charge: chargeId })).data).toHaveLength(0);
    await stripe.paymentIntents.capture(held.id, { amount_to_capture: 2500 });
    const disputes = await stripe.disputes.list({ charge: chargeId });
    expect(disputes.data.map((dispute) => dispute.amount)).toEqual([2500]);
  });

  it("answers 404 for unknown refunds, disputes and warnings", async () => {
    for (const call of [
      stripe.refunds.retrieve("re_missing"),
      stripe.disputes.retrieve("du_missing"),
      stripe.radar.earlyFraudWarnings.retrieve("issfr_missing"),
    ]) {
      expect((await refusal(call)).statusCode).toBe(404);
    }
  });
});
