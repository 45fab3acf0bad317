import { invalidRequest, pathObjectMissing, StripeError } from "../http/errors.ts";
import { newId } from "../http/ids.ts";
import {
  bool,
  type Fields,
  obj,
  type Params,
  str,
  stringMap,
  validateParams,
} from "../http/params.ts";
import { type ApiRequest, ok, type Route } from "../http/route.ts";
import type { Services } from "../services.ts";
import {
  type ClientSecretRefusals,
  checkClientSecret,
  retrieveIntentRoute,
} from "./client-secret.ts";
import { requireCustomer } from "./customers.ts";

export const SETUP_INTENT = "setup_intent";

type Status =
  | "requires_payment_method"
  | "requires_confirmation"
  | "requires_action"
  | "processing"
  | "succeeded"
  | "canceled";

/** A SetupIntent as the stripe package's `SetupIntent` type declares it. */
export interface SetupIntent {
  id: string;
  object: "setup_intent";
  allowed_payment_method_types: string[] | null;
  application: null;
  automatic_payment_methods: { allow_redirects?: string; enabled: boolean } | null;
  cancellation_reason: null;
  client_secret: string;
  created: number;
  customer: string | null;
  description: string | null;
  excluded_payment_method_types: string[] | null;
  last_setup_error: Record<string, unknown> | null;
  latest_attempt: null;
  livemode: false;
  mandate: null;
  metadata: Record<string, string>;
  next_action: Record<string, unknown> | null;
  on_behalf_of: null;
  payment_method: string | null;
  payment_method_configuration_details: null;
  payment_method_options: Record<string, unknown> | null;
  payment_method_types: string[];
  single_use_mandate: null;
  status: Status;
  usage: string;
}

const confirmFields: Fields = {
  payment_method: { type: "string" },
  return_url: { type: "string" },
  use_stripe_sdk: { type: "boolean" },
  client_secret: { type: "string" },
  expand: { type: "any" },
};

const createFields: Fields = {
  ...confirmFields,
  customer: { type: "string" },
  confirm: { type: "boolean" },
  description: { type: "string", emptyAllowed: true },
  metadata: { type: "metadata" },
  usage: { type: "enum", values: ["off_session", "on_session"] },
  automatic_payment_methods: {
    type: "object",
    fields: {
      enabled: { type: "boolean", required: true },
      allow_redirects: { type: "enum", values: ["always", "never"] },
    },
  },
};

function save(services: Services, intent: SetupIntent): string {
  return services.store.put(SETUP_INTENT, intent.id, intent);
}

function load(services: Services, id: string): SetupIntent {
  const entry = services.store.getOf(SETUP_INTENT, id);
  if (!entry) throw pathObjectMissing("setup_intent", id);
  return JSON.parse(entry.json) as SetupIntent;
}

const CLIENT_SECRET_REFUSALS: ClientSecretRefusals = {
  mismatch: {
    message:
      "The client_secret provided does not match any associated SetupIntent on this account.",
    code: "setup_intent_invalid_parameter",
  },
};

/**
 * Sets the PaymentMethod up as Stripe does with a test card: a card that needs 3D Secure asks
 * for it (`requires_action`), a declining card fails with the issuer's 402, any other is
 * `succeeded` and attached to the SetupIntent's customer.
 */
function confirm(
  services: Services,
  request: ApiRequest,
  intent: SetupIntent,
  params: Params,
): string {
  if (
    !["requires_payment_method", "requires_confirmation", "requires_action"].includes(intent.status)
  ) {
    throw new StripeError(400, {
      type: "invalid_request_error",
      code: "setup_intent_unexpected_state",
      message: `You cannot confirm this SetupIntent because it has a status of ${intent.status}.`,
      setup_intent: intent,
    });
  }
  const automatic = intent.automatic_payment_methods;
  if (!str(params, "return_url") && automatic?.enabled && automatic.allow_redirects !== "never") {
    throw invalidRequest(
      "A `return_url` must be specified because this Setup Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.",
    );
  }
  const pmId = str(params, "payment_method") ?? intent.payment_method;
  if (!pmId) {
    throw new StripeError(400, {
      type: "invalid_request_error",
      code: "setup_intent_unexpected_state",
      message: "You cannot confirm this SetupIntent because it's missing a payment method.",
      setup_intent: intent,
    });
  }
  const { paymentMethod, card } = services.paymentMethods.resolve(pmId, request, "payment_method");
  intent.payment_method = paymentMethod.id;
  if (card.threeDSecure) {
    intent.status = "requires_action";
    intent.next_action = {
      type: "use_stripe_sdk",
      use_stripe_sdk: { type: "three_d_secure_redirect", source: newId("src") },
    };
    const json = save(services, intent);
    services.events.publish("setup_intent.requires_action", intent, request);
    return json;
  }
  if (card.charge.outcome === "decline") {
    const { code, declineCode, message } = card.charge;
    intent.status = "requires_payment_method";
    intent.payment_method = null;
    intent.last_setup_error = {
      type: "card_error",
      code,
      decline_code: declineCode,
      message,
      doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`,
      payment_method: paymentMethod,
    };
    save(services, intent);
    services.events.publish("setup_intent.setup_failed", intent, request);
    throw new StripeError(402, {
      type: "card_error",
      code,
      decline_code: declineCode,
      message,
      setup_intent: intent,
      payment_method: paymentMethod,
    });
  }
  if (intent.customer) {
    services.paymentMethods.attach(paymentMethod.id, intent.customer, request, "payment_method");
  }
  intent.status = "succeeded";
  intent.next_action = null;
  intent.last_setup_error = null;
  const json = save(services, intent);
  services.events.publish("setup_intent.succeeded", intent, request);
  return json;
}

export function setupIntentRoutes(services: Services): Route[] {
  return [
    {
      method: "POST",
      path: "/v1/setup_intents",
      handler: (request) => {
        const params = validateParams(request, createFields);
        const customer = str(params, "customer");
        if (customer) requireCustomer(services, customer, "customer");
        const automatic = obj(params, "automatic_payment_methods");
        const enabled = automatic ? bool(automatic, "enabled") === true : true;
        const id = newId("seti", 24);
        const intent: SetupIntent = {
          id,
          object: "setup_intent",
          allowed_payment_method_types: null,
          application: null,
          automatic_payment_methods: enabled
            ? { allow_redirects: str(automatic, "allow_redirects") ?? "always", enabled }
            : { enabled },
          cancellation_reason: null,
          client_secret: `${id}_secret_${newId("s").slice(2)}`,
          created: request.now,
          customer: customer ?? null,
          description: str(params, "description") || null,
          excluded_payment_method_types: null,
          last_setup_error: null,
          latest_attempt: null,
          livemode: false,
          mandate: null,
          metadata: stringMap(params, "metadata") ?? {},
          next_action: null,
          on_behalf_of: null,
          payment_method: null,
          payment_method_configuration_details: null,
          payment_method_options: {
            card: { mandate_options: null, network: null, request_three_d_secure: "automatic" },
          },
          payment_method_types: ["card"],
          single_use_mandate: null,
          status: "requires_payment_method",
          usage: str(params, "usage") ?? "off_session",
        };
        const pmId = str(params, "payment_method");
        if (pmId) {
          intent.payment_method = services.paymentMethods.require(
            pmId,
            request,
            "payment_method",
          ).id;
          intent.status = "requires_confirmation";
        }
        save(services, intent);
        services.events.publish("setup_intent.created", intent, request);
        if (bool(params, "confirm")) return ok(confirm(services, request, intent, params));
        return ok(JSON.stringify(intent));
      },
    },
    retrieveIntentRoute("/v1/setup_intents", (id) => load(services, id), CLIENT_SECRET_REFUSALS),
    {
      method: "POST",
      path: "/v1/setup_intents/:id/confirm",
      publishable: true,
      handler: (request) => {
        const params = validateParams(request, confirmFields);
        const intent = load(services, request.pathParams.id ?? "");
        checkClientSecret(
          request,
          intent.client_secret,
          str(params, "client_secret"),
          CLIENT_SECRET_REFUSALS,
        );
        return ok(confirm(services, request, intent, params));
      },
    },
  ];
}
