import qs from "qs";
import Stripe from "stripe";
import { emulatorApi, type StartedEmulator, startEmulator } from "stripe-emulator";
import StripePreview from "stripe-v2-preview";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCalls, formatCoverage, readEmulatorLog } from "./check-calls.ts";
import { OPERATIONS } from "./operations.ts";
import { sampleParameters } from "./sample-parameters.ts";

/**
 * Drives every GA operation the emulator implements through the stripe package, then checks
 * each request it logged and each answer against the schemas generated from Stripe's types.
 */
describe("the emulator on Stripe's GA contract", () => {
  let emulator: StartedEmulator;
  let stripe: Stripe;

  beforeAll(async () => {
    emulator = await startEmulator({ env: { STRIPE_EMULATOR_REQUEST_LOG_SIZE: "2000" } });
    stripe = new Stripe("sk_test_emulator", {
      host: "127.0.0.1",
      port: emulator.port,
      protocol: "http",
    });
  });
  afterAll(async () => emulator?.stop());

  const card = { automatic_payment_methods: { enabled: true, allow_redirects: "never" as const } };

  async function exercise(): Promise<void> {
    const address = { line1: "1 Main St", city: "Paris", postal_code: "75001", country: "FR" };
    const customer = await stripe.customers.create({
      email: "contract@example.com",
      name: "Contract Test",
      metadata: { plan: "pro" },
      shipping: { name: "Contract Test", address },
      tax_exempt: "none",
    });
    await stripe.customers.retrieve(customer.id);
    await stripe.customers.update(customer.id, { phone: "+33100000000", address });
    await stripe.customers.list({ limit: 3 });
    await stripe.customers.search({
      query: "metadata['plan']:'pro' AND email:'contract@example.com'",
    });

    const pm = await stripe.paymentMethods.create({ type: "card", card: { token: "tok_visa" } });
    await stripe.paymentMethods.attach(pm.id, { customer: customer.id });
    await stripe.paymentMethods.retrieve(pm.id);
    await stripe.paymentMethods.update(pm.id, { billing_details: { name: "Contract Test" } });
    await stripe.paymentMethods.list({ customer: customer.id });
    await stripe.customers.listPaymentMethods(customer.id);

    const intent = await stripe.paymentIntents.create({
      amount: 2000,
      currency: "eur",
      customer: customer.id,
      payment_method: pm.id,
      description: "Order 1",
      statement_descriptor_suffix: "ORDER 1",
      shipping: { name: "Contract Test", address },
      payment_method_options: { card: { request_three_d_secure: "automatic" } },
      metadata: { order_id: "1" },
      ...card,
    });
    await stripe.paymentIntents.update(intent.id, { metadata: { step: "confirm" } });
    const paid = await stripe.paymentIntents.confirm(intent.id, {
      radar_options: { session: "rse_contract" },
    });
    await stripe.paymentIntents.retrieve(paid.id, { expand: ["latest_charge"] });
    await stripe.paymentIntents.list({ customer: customer.id });
    await stripe.paymentIntents.search({ query: "status:'succeeded' OR metadata['order_id']:'1'" });

    const manual = await stripe.paymentIntents.create({
      amount: 3000,
      currency: "eur",
      payment_method: "pm_card_visa",
      capture_method: "manual",
      confirm: true,
      ...card,
    });
    await stripe.paymentIntents.capture(manual.id, { amount_to_capture: 2500 });
    const open = await stripe.paymentIntents.create({ amount: 1000, currency: "eur", ...card });
    await stripe.paymentIntents.cancel(open.id, { cancellation_reason: "abandoned" });

    const chargeId = String(paid.latest_charge);
    await stripe.charges.retrieve(chargeId);
    await stripe.charges.list({ payment_intent: paid.id });
    await stripe.charges.search({ query: `customer:'${customer.id}'` });

    const refund = await stripe.refunds.create({ payment_intent: paid.id, amount: 500 });
    await stripe.refunds.retrieve(refund.id);
    await stripe.refunds.list({ charge: chargeId });

    const disputed = await stripe.paymentIntents.create({
      amount: 4000,
      currency: "eur",
      payment_method: "pm_card_createDispute",
      confirm: true,
      ...card,
    });
    const disputes = await waitFor(() => stripe.disputes.list({ payment_intent: disputed.id }));
    const dispute = disputes.data[0];
    if (!dispute) throw new Error("no dispute opened");
    await stripe.disputes.retrieve(dispute.id);
    await stripe.disputes.update(dispute.id, {
      evidence: { uncategorized_text: "winning_evidence" },
      submit: false,
    });
    await stripe.disputes.close(dispute.id);

    const flagged = await stripe.paymentIntents.create({
      amount: 4000,
      currency: "eur",
      payment_method: "pm_card_createIssuerFraudRecord",
      confirm: true,
      ...card,
    });
    const warnings = await waitFor(() =>
      stripe.radar.earlyFraudWarnings.list({ payment_intent: flagged.id }),
    );
    const warning = warnings.data[0];
    if (!warning) throw new Error("no early fraud warning");
    await stripe.radar.earlyFraudWarnings.retrieve(warning.id);

    await stripe.radar.paymentEvaluations.create({
      customer_details: { customer: customer.id },
      payment_details: {
        amount: 2000,
        currency: "eur",
        payment_method_details: { payment_method: "pm_card_visa" },
      },
    });

    const setup = await stripe.setupIntents.create({
      customer: customer.id,
      payment_method: "pm_card_visa",
      usage: "off_session",
      ...card,
    });
    await stripe.setupIntents.confirm(setup.id);
    await stripe.setupIntents.retrieve(setup.id);

    await stripe.paymentMethods.detach(pm.id);
    await stripe.customers.del(customer.id);
    await stripe.customers.retrieve(customer.id);

    const endpoint = await stripe.webhookEndpoints.create({
      url: "https://example.com/webhooks",
      enabled_events: ["payment_intent.succeeded"],
      description: "contract",
    });
    await stripe.webhookEndpoints.retrieve(endpoint.id);
    await stripe.webhookEndpoints.update(endpoint.id, { disabled: true });
    await stripe.webhookEndpoints.list();
    await stripe.webhookEndpoints.del(endpoint.id);

    // Each event type the emulator sends, once (a page of them all is longer than the log keeps).
    for (const type of EVENT_TYPES) {
      const [event] = (await stripe.events.list({ type, limit: 1 })).data;
      if (event) await stripe.events.retrieve(event.id);
    }
  }

  it("accepts each request and answers in the shape Stripe's types declare", async () => {
    await exercise();
    const coverage = checkCalls(await readEmulatorLog(emulator.url, emulator.controlToken));
    console.log(formatCoverage(coverage, "contract (emulator, GA)"));
    const implemented = OPERATIONS.filter((operation) => operation.sdk === "ga").map((o) => o.id);
    expect([...coverage.operations].sort()).toEqual(implemented.sort());
    expect(coverage.violations).toEqual([]);
    expect(coverage.clipped).toBe(0);
  }, 120_000);

  it("answers the preview SDKs' Radar calls in the shapes their types declare", async () => {
    const preview = new StripePreview("sk_test_emulator", {
      host: "127.0.0.1",
      port: emulator.port,
      protocol: "http",
    });
    const customer = await stripe.customers.create({ email: "preview@example.com" });
    const radarSession = await emulatorApi(emulator.url).createRadarSession({
      deviceId: "contract-device",
    });
    type Evaluation = { id: string };
    const seeds = { apiVersion: "2026-03-04.preview" };
    const seedsEvaluation = (await stripe.rawRequest(
      "POST",
      "/v1/radar/customer_evaluations",
      {
        event_type: "registration",
        evaluation_context: [
          { type: "customer_details", customer_details: { customer: customer.id } },
          { type: "client_details", client_details: { radar_session: radarSession } },
        ],
      },
      seeds,
    )) as unknown as Evaluation;
    await stripe.rawRequest(
      "POST",
      `/v1/radar/customer_evaluations/${seedsEvaluation.id}/report`,
      { type: "registration_success" },
      seeds,
    );
    const current = { apiVersion: "2026-08-12.preview" };
    const evaluation = (await stripe.rawRequest(
      "POST",
      "/v1/radar/customer_evaluations",
      {
        event_type: "registration",
        evaluation_context: [
          {
            type: "customer_details",
            customer_details: { customer_data: { email: "new@example.com" } },
          },
          {
            type: "client_details",
            client_details: { data: { ip: "203.0.113.9", user_agent: "contract" } },
          },
        ],
      },
      current,
    )) as unknown as Evaluation;
    await stripe.rawRequest("GET", `/v1/radar/customer_evaluations/${evaluation.id}`, {}, current);
    await stripe.rawRequest(
      "POST",
      `/v1/radar/customer_evaluations/${evaluation.id}/report`,
      { status: "allowed", customer: customer.id },
      current,
    );

    const accountEvaluation = await preview.v2.signals.accountEvaluations.create({
      account_details: { customer: customer.id },
      requested_signals: ["user_multi_accounting"],
      account_activity_details: {
        data: {
          type: "registration_attempt",
          registration_attempt: { client_details: { radar_session: radarSession } },
        },
      },
    });
    await preview.v2.signals.accountEvaluations.retrieve(accountEvaluation.id);
    const activity = await preview.v2.signals.accountActivities.create({
      type: "registration_decision",
      account_details: { customer: customer.id },
      account_evaluation: accountEvaluation.id,
      registration_decision: { status: "allowed" },
    });
    await preview.v2.signals.accountActivities.retrieve(activity.id);

    const calls = (await readEmulatorLog(emulator.url, emulator.controlToken)).filter((call) =>
      /^\/v1\/radar\/customer_evaluations|^\/v2\//.test(call.path),
    );
    const coverage = checkCalls(calls);
    console.log(formatCoverage(coverage, "contract (emulator, previews)"));
    expect([...coverage.operations].sort()).toEqual(
      OPERATIONS.filter((operation) => operation.sdk !== "ga")
        .map((operation) => operation.id)
        .sort(),
    );
    expect(coverage.violations).toEqual([]);
  });

  it("accepts every top-level parameter Stripe's types define on each operation", async () => {
    const ids = await pathIds(stripe);
    const refused: string[] = [];
    let sent = 0;
    for (const operation of OPERATIONS.filter((candidate) => candidate.sdk === "ga")) {
      const idFor = ids[operation.id.slice(0, operation.id.lastIndexOf("."))];
      for (const [name, value] of sampleParameters(operation)) {
        const path = operation.path.includes("{id}")
          ? operation.path.replace("{id}", await (idFor ?? (async () => "x_missing"))())
          : operation.path;
        const form = qs.stringify({ [name]: value }, { arrayFormat: "indices" });
        const response = await fetch(
          `${emulator.url}${path}${operation.method === "POST" ? "" : `?${form}`}`,
          {
            method: operation.method,
            headers: {
              authorization: "Bearer sk_test_emulator",
              "content-type": "application/x-www-form-urlencoded",
            },
            body: operation.method === "POST" ? form : undefined,
          },
        );
        const body = (await response.json()) as { error?: { code?: string; param?: string } };
        sent++;
        if (body.error?.code === "parameter_unknown") {
          refused.push(`${operation.id} ${name} (${body.error.param})`);
        }
      }
    }
    console.log(`contract (emulator, GA): ${sent - refused.length} of ${sent} parameters accepted`);
    expect(refused).toEqual([]);
  }, 180_000);
});

const EVENT_TYPES = [
  "customer.created",
  "customer.updated",
  "customer.deleted",
  "payment_method.attached",
  "payment_method.detached",
  "payment_intent.created",
  "payment_intent.amount_capturable_updated",
  "payment_intent.succeeded",
  "payment_intent.canceled",
  "charge.succeeded",
  "charge.captured",
  "charge.refunded",
  "refund.created",
  "charge.dispute.created",
  "charge.dispute.updated",
  "charge.dispute.closed",
  "radar.early_fraud_warning.created",
  "setup_intent.created",
  "setup_intent.succeeded",
];

/** IDs to put in operations' paths: objects in a state where each operation's parameters are read. */
async function pathIds(stripe: Stripe): Promise<Record<string, () => Promise<string>>> {
  const card = { automatic_payment_methods: { enabled: true, allow_redirects: "never" as const } };
  const customer = async () => (await stripe.customers.create({ email: "params@example.com" })).id;
  const paid = await stripe.paymentIntents.create({
    amount: 2000,
    currency: "eur",
    payment_method: "pm_card_createDispute",
    confirm: true,
    ...card,
  });
  const charge = String(paid.latest_charge);
  const refund = (
    await stripe.refunds.create({
      charge: String(
        (
          await stripe.paymentIntents.create({
            amount: 2000,
            currency: "eur",
            payment_method: "pm_card_visa",
            confirm: true,
            ...card,
          })
        ).latest_charge,
      ),
      amount: 100,
    })
  ).id;
  const dispute = (await waitFor(() => stripe.disputes.list({ charge }))).data[0]?.id ?? "";
  const warning =
    (
      await waitFor(async () =>
        stripe.radar.earlyFraudWarnings.list({
          payment_intent: (
            await stripe.paymentIntents.create({
              amount: 2000,
              currency: "eur",
              payment_method: "pm_card_createIssuerFraudRecord",
              confirm: true,
              ...card,
            })
          ).id,
        }),
      )
    ).data[0]?.id ?? "";
  const event = (await stripe.events.list({ limit: 1 })).data[0]?.id ?? "";
  return {
    customers: customer,
    paymentMethods: async () =>
      (await stripe.paymentMethods.create({ type: "card", card: { token: "tok_visa" } })).id,
    paymentIntents: async () =>
      (
        await stripe.paymentIntents.create({
          amount: 2000,
          currency: "eur",
          payment_method: "pm_card_visa",
          capture_method: "manual",
          ...card,
        })
      ).id,
    setupIntents: async () => (await stripe.setupIntents.create({ ...card })).id,
    charges: async () => charge,
    refunds: async () => refund,
    disputes: async () => dispute,
    "radar.earlyFraudWarnings": async () => warning,
    webhookEndpoints: async () =>
      (
        await stripe.webhookEndpoints.create({
          url: "https://example.com/w",
          enabled_events: ["*"],
        })
      ).id,
    events: async () => event,
  };
}

async function waitFor<T extends { data: unknown[] }>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const page = await read();
    if (page.data.length > 0) return page;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return read();
}
