/**
 * The Stripe operations whose requests and responses are checked against Stripe's own types:
 * each names the stripe package module that declares it and the declared request and response
 * types. `list` and `search` wrap the response in the package's `ApiList` / `ApiSearchResult`.
 */
/**
 * `ga`: the installed stripe package; `v2-preview`: the public-preview package (npm alias
 * stripe-v2-preview); `private-preview`: transcribed/, for shapes no installable package carries.
 */
export type Sdk = "ga" | "v2-preview" | "private-preview";

export interface Operation {
  /** `customers.create`, as the stripe package names the method. */
  id: string;
  method: "GET" | "POST" | "DELETE";
  /** With `{id}` for the object in the path. */
  path: string;
  sdk: Sdk;
  /** The declaring module, relative to the SDK's resources folder, without `.d.ts`. */
  module: string;
  request: string;
  /** A type of `module` (or of another, as `Module:Type`), or a union of them. */
  response: string;
  wrap?: "list" | "search";
  /**
   * Only for requests sent with a `Stripe-Version` dated before this one (others take the
   * operation without it).
   */
  before?: string;
}

type Row = [
  id: string,
  method: Operation["method"],
  path: string,
  module: string,
  request: string,
  response: string,
  wrap?: "list" | "search",
];

const ga: Row[] = [
  ["customers.create", "POST", "/v1/customers", "Customers", "CustomerCreateParams", "Customer"],
  [
    "customers.retrieve",
    "GET",
    "/v1/customers/{id}",
    "Customers",
    "CustomerRetrieveParams",
    "Customer | DeletedCustomer",
  ],
  [
    "customers.update",
    "POST",
    "/v1/customers/{id}",
    "Customers",
    "CustomerUpdateParams",
    "Customer",
  ],
  [
    "customers.del",
    "DELETE",
    "/v1/customers/{id}",
    "Customers",
    "CustomerDeleteParams",
    "DeletedCustomer",
  ],
  ["customers.list", "GET", "/v1/customers", "Customers", "CustomerListParams", "Customer", "list"],
  [
    "customers.search",
    "GET",
    "/v1/customers/search",
    "Customers",
    "CustomerSearchParams",
    "Customer",
    "search",
  ],
  [
    "customers.listPaymentMethods",
    "GET",
    "/v1/customers/{id}/payment_methods",
    "Customers",
    "CustomerListPaymentMethodsParams",
    "PaymentMethods:PaymentMethod",
    "list",
  ],
  [
    "paymentMethods.create",
    "POST",
    "/v1/payment_methods",
    "PaymentMethods",
    "PaymentMethodCreateParams",
    "PaymentMethod",
  ],
  [
    "paymentMethods.retrieve",
    "GET",
    "/v1/payment_methods/{id}",
    "PaymentMethods",
    "PaymentMethodRetrieveParams",
    "PaymentMethod",
  ],
  [
    "paymentMethods.update",
    "POST",
    "/v1/payment_methods/{id}",
    "PaymentMethods",
    "PaymentMethodUpdateParams",
    "PaymentMethod",
  ],
  [
    "paymentMethods.list",
    "GET",
    "/v1/payment_methods",
    "PaymentMethods",
    "PaymentMethodListParams",
    "PaymentMethod",
    "list",
  ],
  [
    "paymentMethods.attach",
    "POST",
    "/v1/payment_methods/{id}/attach",
    "PaymentMethods",
    "PaymentMethodAttachParams",
    "PaymentMethod",
  ],
  [
    "paymentMethods.detach",
    "POST",
    "/v1/payment_methods/{id}/detach",
    "PaymentMethods",
    "PaymentMethodDetachParams",
    "PaymentMethod",
  ],
  [
    "paymentIntents.create",
    "POST",
    "/v1/payment_intents",
    "PaymentIntents",
    "PaymentIntentCreateParams",
    "PaymentIntent",
  ],
  [
    "paymentIntents.retrieve",
    "GET",
    "/v1/payment_intents/{id}",
    "PaymentIntents",
    "PaymentIntentRetrieveParams",
    "PaymentIntent",
  ],
  [
    "paymentIntents.update",
    "POST",
    "/v1/payment_intents/{id}",
    "PaymentIntents",
    "PaymentIntentUpdateParams",
    "PaymentIntent",
  ],
  [
    "paymentIntents.list",
    "GET",
    "/v1/payment_intents",
    "PaymentIntents",
    "PaymentIntentListParams",
    "PaymentIntent",
    "list",
  ],
  [
    "paymentIntents.search",
    "GET",
    "/v1/payment_intents/search",
    "PaymentIntents",
    "PaymentIntentSearchParams",
    "PaymentIntent",
    "search",
  ],
  [
    "paymentIntents.confirm",
    "POST",
    "/v1/payment_intents/{id}/confirm",
    "PaymentIntents",
    "PaymentIntentConfirmParams",
    "PaymentIntent",
  ],
  [
    "paymentIntents.cancel",
    "POST",
    "/v1/payment_intents/{id}/cancel",
    "PaymentIntents",
    "PaymentIntentCancelParams",
    "PaymentIntent",
  ],
  [
    "paymentIntents.capture",
    "POST",
    "/v1/payment_intents/{id}/capture",
    "PaymentIntents",
    "PaymentIntentCaptureParams",
    "PaymentIntent",
  ],
  [
    "setupIntents.create",
    "POST",
    "/v1/setup_intents",
    "SetupIntents",
    "SetupIntentCreateParams",
    "SetupIntent",
  ],
  [
    "setupIntents.retrieve",
    "GET",
    "/v1/setup_intents/{id}",
    "SetupIntents",
    "SetupIntentRetrieveParams",
    "SetupIntent",
  ],
  [
    "setupIntents.confirm",
    "POST",
    "/v1/setup_intents/{id}/confirm",
    "SetupIntents",
    "SetupIntentConfirmParams",
    "SetupIntent",
  ],
  ["charges.retrieve", "GET", "/v1/charges/{id}", "Charges", "ChargeRetrieveParams", "Charge"],
  ["charges.list", "GET", "/v1/charges", "Charges", "ChargeListParams", "Charge", "list"],
  [
    "charges.search",
    "GET",
    "/v1/charges/search",
    "Charges",
    "ChargeSearchParams",
    "Charge",
    "search",
  ],
  ["refunds.create", "POST", "/v1/refunds", "Refunds", "RefundCreateParams", "Refund"],
  ["refunds.retrieve", "GET", "/v1/refunds/{id}", "Refunds", "RefundRetrieveParams", "Refund"],
  ["refunds.list", "GET", "/v1/refunds", "Refunds", "RefundListParams", "Refund", "list"],
  ["disputes.retrieve", "GET", "/v1/disputes/{id}", "Disputes", "DisputeRetrieveParams", "Dispute"],
  ["disputes.update", "POST", "/v1/disputes/{id}", "Disputes", "DisputeUpdateParams", "Dispute"],
  [
    "disputes.close",
    "POST",
    "/v1/disputes/{id}/close",
    "Disputes",
    "DisputeCloseParams",
    "Dispute",
  ],
  ["disputes.list", "GET", "/v1/disputes", "Disputes", "DisputeListParams", "Dispute", "list"],
  [
    "radar.earlyFraudWarnings.retrieve",
    "GET",
    "/v1/radar/early_fraud_warnings/{id}",
    "Radar/EarlyFraudWarnings",
    "Radar.EarlyFraudWarningRetrieveParams",
    "EarlyFraudWarning",
  ],
  [
    "radar.earlyFraudWarnings.list",
    "GET",
    "/v1/radar/early_fraud_warnings",
    "Radar/EarlyFraudWarnings",
    "Radar.EarlyFraudWarningListParams",
    "EarlyFraudWarning",
    "list",
  ],
  [
    "radar.paymentEvaluations.create",
    "POST",
    "/v1/radar/payment_evaluations",
    "Radar/PaymentEvaluations",
    "Radar.PaymentEvaluationCreateParams",
    "PaymentEvaluation",
  ],
  [
    "webhookEndpoints.create",
    "POST",
    "/v1/webhook_endpoints",
    "WebhookEndpoints",
    "WebhookEndpointCreateParams",
    "WebhookEndpoint",
  ],
  [
    "webhookEndpoints.retrieve",
    "GET",
    "/v1/webhook_endpoints/{id}",
    "WebhookEndpoints",
    "WebhookEndpointRetrieveParams",
    "WebhookEndpoint",
  ],
  [
    "webhookEndpoints.update",
    "POST",
    "/v1/webhook_endpoints/{id}",
    "WebhookEndpoints",
    "WebhookEndpointUpdateParams",
    "WebhookEndpoint",
  ],
  [
    "webhookEndpoints.del",
    "DELETE",
    "/v1/webhook_endpoints/{id}",
    "WebhookEndpoints",
    "WebhookEndpointDeleteParams",
    "DeletedWebhookEndpoint",
  ],
  [
    "webhookEndpoints.list",
    "GET",
    "/v1/webhook_endpoints",
    "WebhookEndpoints",
    "WebhookEndpointListParams",
    "WebhookEndpoint",
    "list",
  ],
  ["events.retrieve", "GET", "/v1/events/{id}", "Events", "EventRetrieveParams", "EmulatedEvent"],
  ["events.list", "GET", "/v1/events", "Events", "EventListParams", "EmulatedEvent", "list"],
];

const v2Preview: Row[] = [
  [
    "v2.signals.accountEvaluations.create",
    "POST",
    "/v2/signals/account_evaluations",
    "V2/Signals/AccountEvaluations",
    "V2.Signals.AccountEvaluationCreateParams",
    "AccountEvaluation",
  ],
  [
    "v2.signals.accountEvaluations.retrieve",
    "GET",
    "/v2/signals/account_evaluations/{id}",
    "V2/Signals/AccountEvaluations",
    "V2.Signals.AccountEvaluationRetrieveParams",
    "AccountEvaluation",
  ],
  [
    "v2.signals.accountActivities.create",
    "POST",
    "/v2/signals/account_activity",
    "V2/Signals/AccountActivity",
    "V2.Signals.AccountActivityCreateParams",
    "AccountActivity",
  ],
  [
    "v2.signals.accountActivities.retrieve",
    "GET",
    "/v2/signals/account_activity/{id}",
    "V2/Signals/AccountActivity",
    "V2.Signals.AccountActivityRetrieveParams",
    "AccountActivity",
  ],
];

const privatePreview: Row[] = [
  [
    "radar.customerEvaluations.create",
    "POST",
    "/v1/radar/customer_evaluations",
    "CustomerEvaluations",
    "CustomerEvaluationCreateParams",
    "CustomerEvaluation",
  ],
  [
    "radar.customerEvaluations.retrieve",
    "GET",
    "/v1/radar/customer_evaluations/{id}",
    "CustomerEvaluations",
    "CustomerEvaluationRetrieveParams",
    "CustomerEvaluation",
  ],
  [
    "radar.customerEvaluations.update",
    "POST",
    "/v1/radar/customer_evaluations/{id}/report",
    "CustomerEvaluations",
    "CustomerEvaluationUpdateParams",
    "CustomerEvaluation",
  ],
];

/**
 * Outcomes are reported with `type` before this version (the seeds' `2026-03-04.preview` among
 * them); stripe-node 22.2.0-alpha.5, pinned to it, added `status`, and 22.3.0-alpha.1 removed `type`.
 */
export const STATUS_REPORT_VERSION = "2026-04-22.preview";

const typeReport: Row[] = [
  [
    "radar.customerEvaluations.create@type-report",
    "POST",
    "/v1/radar/customer_evaluations",
    "CustomerEvaluationsTypeReport",
    "CustomerEvaluationCreateParams",
    "CustomerEvaluation",
  ],
  [
    "radar.customerEvaluations.update@type-report",
    "POST",
    "/v1/radar/customer_evaluations/{id}/report",
    "CustomerEvaluationsTypeReport",
    "CustomerEvaluationUpdateParams",
    "CustomerEvaluation",
  ],
];

/**
 * The event types the emulator sends, each checked against its own declared event type
 * (`Stripe.Event` is the union of every event Stripe has).
 */
export const EMULATED_EVENT_TYPES = [
  "CustomerCreatedEvent",
  "CustomerUpdatedEvent",
  "CustomerDeletedEvent",
  "PaymentMethodAttachedEvent",
  "PaymentMethodDetachedEvent",
  "PaymentIntentCreatedEvent",
  "PaymentIntentRequiresActionEvent",
  "PaymentIntentAmountCapturableUpdatedEvent",
  "PaymentIntentSucceededEvent",
  "PaymentIntentPaymentFailedEvent",
  "PaymentIntentCanceledEvent",
  "ChargeSucceededEvent",
  "ChargeFailedEvent",
  "ChargeCapturedEvent",
  "ChargeRefundedEvent",
  "RefundCreatedEvent",
  "ChargeDisputeCreatedEvent",
  "ChargeDisputeUpdatedEvent",
  "ChargeDisputeClosedEvent",
  "RadarEarlyFraudWarningCreatedEvent",
  "RadarEarlyFraudWarningUpdatedEvent",
  "SetupIntentCreatedEvent",
  "SetupIntentSucceededEvent",
  "SetupIntentRequiresActionEvent",
  "SetupIntentSetupFailedEvent",
] as const;

const toOperation =
  (sdk: Sdk) =>
  ([id, method, path, module, request, response, wrap]: Row): Operation => ({
    id,
    method,
    path,
    sdk,
    module,
    request,
    response,
    ...(wrap ? { wrap } : {}),
  });

export const OPERATIONS: readonly Operation[] = [
  ...ga.map(toOperation("ga")),
  ...v2Preview.map(toOperation("v2-preview")),
  ...privatePreview.map(toOperation("private-preview")),
  ...typeReport.map((row) => ({
    ...toOperation("private-preview")(row),
    before: STATUS_REPORT_VERSION,
  })),
];
