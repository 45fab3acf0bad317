/**
 * The request examples and response bodies of Stripe's docs that the emulator is built against
 * (Customer Evaluations create/object/report, Payment Evaluations create, the customer-abuse
 * guide). `{{name}}` marks an ID the test substitutes with an object it created.
 */
export interface SeedExample {
  name: string;
  method: "GET" | "POST";
  path: string;
  /**
   * The API reference's curl examples send none, but the Customer Evaluation endpoints answer
   * only preview versions: those examples are sent with the guide's `2026-03-04.preview`.
   */
  stripeVersion?: string;
  /** `-d` / `--data-urlencode` pairs of the curl example, in order. */
  data: Array<[string, string]>;
  /** The documented response, compared field by field. */
  response?: Record<string, unknown>;
}

const customerEvaluation = (eventType: string, signal: string) => ({
  id: "cuseval_123456789",
  object: "radar.customer_evaluation",
  event_type: eventType,
  livemode: true,
  created_at: 1715769600,
  customer: "cus_123456789",
  events: null,
  signals: { [signal]: { score: 50.1, evaluated_at: 1715769600, risk_level: null } },
});

export const SEED_EXAMPLES: SeedExample[] = [
  {
    name: "create: registration from customer ID",
    method: "POST",
    path: "/v1/radar/customer_evaluations",
    stripeVersion: "2026-03-04.preview",
    data: [
      ["event_type", "registration"],
      ["evaluation_context[0][type]", "client_details"],
      ["evaluation_context[0][client_details][radar_session]", "{{radar_session}}"],
      ["evaluation_context[1][type]", "customer_details"],
      ["evaluation_context[1][customer_details][customer]", "{{customer}}"],
    ],
    response: customerEvaluation("registration", "multi_accounting"),
  },
  {
    name: "create: login from customer ID",
    method: "POST",
    path: "/v1/radar/customer_evaluations",
    stripeVersion: "2026-03-04.preview",
    data: [
      ["event_type", "login"],
      ["evaluation_context[0][type]", "client_details"],
      ["evaluation_context[0][client_details][radar_session]", "{{radar_session}}"],
      ["evaluation_context[1][type]", "customer_details"],
      ["evaluation_context[1][customer_details][customer]", "{{customer}}"],
    ],
    response: customerEvaluation("login", "account_sharing"),
  },
  {
    name: "the Customer Evaluation object (retrieve)",
    method: "GET",
    path: "/v1/radar/customer_evaluations/{{customer_evaluation}}",
    stripeVersion: "2026-03-04.preview",
    data: [],
    response: customerEvaluation("registration", "multi_accounting"),
  },
  {
    name: "guide: registration with the preview version",
    method: "POST",
    path: "/v1/radar/customer_evaluations",
    stripeVersion: "2026-03-04.preview",
    data: [
      ["event_type", "registration"],
      ["evaluation_context[0][type]", "customer_details"],
      ["evaluation_context[0][customer_details][customer]", "{{customer}}"],
      ["evaluation_context[1][type]", "client_details"],
      ["evaluation_context[1][client_details][radar_session]", "{{radar_session}}"],
    ],
    response: customerEvaluation("registration", "multi_accounting"),
  },
  {
    name: "guide: login with the preview version",
    method: "POST",
    path: "/v1/radar/customer_evaluations",
    stripeVersion: "2026-03-04.preview",
    data: [
      ["event_type", "login"],
      ["evaluation_context[0][type]", "customer_details"],
      ["evaluation_context[0][customer_details][customer]", "{{customer}}"],
      ["evaluation_context[1][type]", "client_details"],
      ["evaluation_context[1][client_details][radar_session]", "{{radar_session}}"],
    ],
    response: customerEvaluation("login", "account_sharing"),
  },
  {
    name: "guide: inline customer creation from customer_data",
    method: "POST",
    path: "/v1/radar/customer_evaluations",
    stripeVersion: "2026-03-04.preview",
    data: [
      ["event_type", "registration"],
      ["evaluation_context[0][type]", "customer_details"],
      ["evaluation_context[0][customer_details][customer_data][email]", "jennyrosen@example.com"],
      ["evaluation_context[0][customer_details][customer_data][name]", "Jenny Rosen"],
      ["evaluation_context[0][customer_details][customer_data][phone]", "+15555550100"],
      ["evaluation_context[1][type]", "client_details"],
      ["evaluation_context[1][client_details][radar_session]", "{{radar_session}}"],
    ],
    response: customerEvaluation("registration", "multi_accounting"),
  },
  {
    name: "guide: report registration_success",
    method: "POST",
    path: "/v1/radar/customer_evaluations/{{customer_evaluation}}/report",
    stripeVersion: "2026-03-04.preview",
    data: [["type", "registration_success"]],
    response: {
      ...customerEvaluation("registration", "multi_accounting"),
      events: [{ type: "registration_success", occurred_at: 1715769600 }],
    },
  },
  {
    name: "create a Payment Evaluation (2026-01-28.preview)",
    method: "POST",
    path: "/v1/radar/payment_evaluations",
    stripeVersion: "2026-01-28.preview",
    data: [
      ["payment_details[payment_method_details][payment_method]", "{{payment_method}}"],
      ["payment_details[amount]", "100"],
      ["payment_details[currency]", "usd"],
      ["customer_details[email]", "jennyrosen@example.com"],
      ["client_device_metadata_details[radar_session]", "{{radar_session}}"],
    ],
    response: {
      id: "peval_123456789",
      created_at: 1704067200,
      insights: {
        evaluated_at: 1726181396,
        fraudulent_dispute: { recommended_action: "continue", risk_score: 50 },
      },
      livemode: false,
      metadata: {},
      status: "requires_action",
    },
  },
  {
    name: "guide: PaymentIntent with the same customer",
    method: "POST",
    path: "/v1/payment_intents",
    stripeVersion: "2026-03-04.preview",
    data: [
      ["amount", "1000"],
      ["currency", "usd"],
      ["customer", "{{customer}}"],
      ["payment_method", "{{payment_method}}"],
      ["automatic_payment_methods[enabled]", "true"],
      ["automatic_payment_methods[allow_redirects]", "never"],
      ["confirm", "true"],
    ],
  },
];
