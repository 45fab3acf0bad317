import Stripe from "stripe";
import StripePreview from "stripe-v2-preview";

/** Where and as whom the check calls Stripe (the app's configuration). */
export interface StripeCheckTarget {
  secretKey: string;
  /** The emulator's address; unset for api.stripe.com. */
  apiHost?: { host: string; port: number; protocol: "http" };
  /** The `Stripe-Version` the app sends to v1 Customer Evaluations. */
  customerEvaluationsVersion: string;
}

export interface StripeCheckRow {
  endpoint: string;
  apiVersion: string;
  result: "works" | "refused" | "skipped";
  /** Stripe's message when refused; why, when skipped. */
  message: string;
}

/** Customer Evaluations took `status` (and `customer`) on reports from this version on. */
const STATUS_REPORTS_FROM = "2026-04-22.preview";
/** ...and `client_details.data` when the browser made no Radar Session. */
const CLIENT_DATA_FROM = "2026-06-10.preview";

export class LiveKeyError extends Error {
  override name = "LiveKeyError";
}

/**
 * Calls each Stripe endpoint the app uses once, as the app calls it, and says which work: a
 * developer with keys sees at once whether the account has the previews and which API version
 * answers. Creates test-mode objects only (a live key is refused before any call) and deletes
 * the Customer it made, which takes its PaymentMethod with it.
 */
export async function runStripeCheck(target: StripeCheckTarget): Promise<StripeCheckRow[]> {
  if (/^(sk|rk)_live_/.test(target.secretKey)) {
    throw new LiveKeyError(
      "stripe:check creates objects and runs with test keys only: STRIPE_SECRET_KEY is a live key.",
    );
  }
  const options = { ...target.apiHost, maxNetworkRetries: 0, timeout: 20_000 };
  const stripe = new Stripe(target.secretKey, options);
  const preview = new StripePreview(target.secretKey, options);
  const rows: StripeCheckRow[] = [];
  const ga = Stripe.API_VERSION;
  const v1 = target.customerEvaluationsVersion;
  const v2 = StripePreview.API_VERSION;

  async function call<T>(endpoint: string, apiVersion: string, run: () => Promise<T>) {
    try {
      const value = await run();
      rows.push({ endpoint, apiVersion, result: "works", message: "" });
      return value;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      rows.push({ endpoint, apiVersion, result: "refused", message });
      return undefined;
    }
  }
  const skip = (endpoint: string, apiVersion: string, needs: string) =>
    rows.push({ endpoint, apiVersion, result: "skipped", message: `needs ${needs}` });

  const customer = await call("POST /v1/customers", ga, () =>
    stripe.customers.create({
      email: "stripe-check@example.com",
      metadata: { created_by: "npm run stripe:check" },
    }),
  );
  if (customer)
    await call("GET /v1/customers/:id", ga, () => stripe.customers.retrieve(customer.id));
  else skip("GET /v1/customers/:id", ga, "a customer");

  const paymentMethod = await call("POST /v1/payment_methods", ga, () =>
    stripe.paymentMethods.create({ type: "card", card: { token: "tok_visa" } }),
  );
  if (paymentMethod && customer) {
    await call("POST /v1/payment_methods/:id/attach", ga, () =>
      stripe.paymentMethods.attach(paymentMethod.id, { customer: customer.id }),
    );
    await call("POST /v1/radar/payment_evaluations", ga, () =>
      stripe.radar.paymentEvaluations.create({
        customer_details: { customer: customer.id },
        payment_details: {
          amount: 1000,
          currency: "usd",
          payment_method_details: { payment_method: paymentMethod.id },
        },
      }),
    );
    const intent = await call("POST /v1/payment_intents", ga, () =>
      stripe.paymentIntents.create({
        amount: 1000,
        currency: "usd",
        customer: customer.id,
        payment_method: paymentMethod.id,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
        confirm: true,
        metadata: { created_by: "npm run stripe:check" },
      }),
    );
    if (intent) {
      await call("GET /v1/payment_intents/:id", ga, () =>
        stripe.paymentIntents.retrieve(intent.id),
      );
    } else skip("GET /v1/payment_intents/:id", ga, "a PaymentIntent");
  } else {
    for (const endpoint of [
      "POST /v1/payment_methods/:id/attach",
      "POST /v1/radar/payment_evaluations",
      "POST /v1/payment_intents",
      "GET /v1/payment_intents/:id",
    ]) {
      skip(endpoint, ga, "a customer and a PaymentMethod");
    }
  }

  const clientDetails =
    v1 >= CLIENT_DATA_FROM
      ? [{ type: "client_details", client_details: { data: { ip: "203.0.113.10" } } }]
      : [];
  const evaluation = await call("POST /v1/radar/customer_evaluations", v1, async () => {
    const created = await stripe.rawRequest(
      "POST",
      "/v1/radar/customer_evaluations",
      {
        event_type: "registration",
        evaluation_context: [
          {
            type: "customer_details",
            customer_details: customer
              ? { customer: customer.id }
              : { customer_data: { email: "stripe-check@example.com" } },
          },
          ...clientDetails,
        ],
      },
      { apiVersion: v1 },
    );
    return created as unknown as { id: string };
  });
  if (evaluation) {
    const path = `/v1/radar/customer_evaluations/${encodeURIComponent(evaluation.id)}`;
    await call("GET /v1/radar/customer_evaluations/:id", v1, () =>
      stripe.rawRequest("GET", path, {}, { apiVersion: v1 }),
    );
    const report =
      v1 >= STATUS_REPORTS_FROM
        ? { status: "allowed", ...(customer ? { customer: customer.id } : {}) }
        : { type: "registration_success" };
    await call("POST /v1/radar/customer_evaluations/:id/report", v1, () =>
      stripe.rawRequest("POST", `${path}/report`, report, { apiVersion: v1 }),
    );
  } else {
    skip("GET /v1/radar/customer_evaluations/:id", v1, "a Customer Evaluation");
    skip("POST /v1/radar/customer_evaluations/:id/report", v1, "a Customer Evaluation");
  }

  const accountEvaluation = await call("POST /v2/signals/account_evaluations", v2, () =>
    preview.v2.signals.accountEvaluations.create({
      account_details: customer ? { customer: customer.id } : {},
      requested_signals: ["user_multi_accounting"],
      account_activity_details: {
        data: {
          type: "registration_attempt",
          registration_attempt: { client_details: { data: { ip: "203.0.113.10" } } },
        },
      },
    }),
  );
  if (accountEvaluation) {
    await call("GET /v2/signals/account_evaluations/:id", v2, () =>
      preview.v2.signals.accountEvaluations.retrieve(accountEvaluation.id),
    );
    const activity = await call("POST /v2/signals/account_activity", v2, () =>
      preview.v2.signals.accountActivities.create({
        type: "registration_decision",
        account_evaluation: accountEvaluation.id,
        ...(customer ? { account_details: { customer: customer.id } } : {}),
        registration_decision: { status: "allowed" },
      }),
    );
    if (activity) {
      await call("GET /v2/signals/account_activity/:id", v2, () =>
        preview.v2.signals.accountActivities.retrieve(activity.id),
      );
    } else skip("GET /v2/signals/account_activity/:id", v2, "an Account Activity");
  } else {
    skip("GET /v2/signals/account_evaluations/:id", v2, "an Account Evaluation");
    skip("POST /v2/signals/account_activity", v2, "an Account Evaluation");
    skip("GET /v2/signals/account_activity/:id", v2, "an Account Evaluation");
  }

  await call("GET /v1/webhook_endpoints", ga, () => stripe.webhookEndpoints.list({ limit: 1 }));
  if (customer)
    await call("DELETE /v1/customers/:id (clean-up)", ga, () => stripe.customers.del(customer.id));
  return rows;
}

/** The rows as a plain-text table, one line each, with Stripe's message for a refusal. */
export function formatStripeCheck(rows: StripeCheckRow[]): string {
  const header = { endpoint: "Endpoint", apiVersion: "API version", result: "Result" };
  const width = (key: "endpoint" | "apiVersion") =>
    Math.max(header[key].length, ...rows.map((row) => row[key].length));
  const line = (endpoint: string, apiVersion: string, result: string) =>
    `${endpoint.padEnd(width("endpoint"))}  ${apiVersion.padEnd(width("apiVersion"))}  ${result}`;
  return [
    line(header.endpoint, header.apiVersion, header.result),
    ...rows.map((row) =>
      line(
        row.endpoint,
        row.apiVersion,
        row.message ? `${row.result}: ${row.message}` : row.result,
      ),
    ),
  ].join("\n");
}
