import {
  invalidRequest,
  parameterUnknown,
  pathObjectMissing,
  StripeError,
} from "../http/errors.ts";
import { newId } from "../http/ids.ts";
import {
  arr,
  bool,
  type Fields,
  int,
  obj,
  type Params,
  str,
  stringMap,
  validateParams,
} from "../http/params.ts";
import { type ApiRequest, ok, type Route } from "../http/route.ts";
import { versionBefore } from "../http/versions.ts";
import type { Risk } from "../risk/bands.ts";
import type { Services } from "../services.ts";
import { checkAmountMinimum } from "./amount-minimums.ts";
import {
  type Charge,
  createCharge,
  findCharge,
  saveCharge,
  takeBack,
  type Verdict,
  verdict,
} from "./charges.ts";
import {
  type ClientSecretRefusals,
  checkClientSecret,
  retrieveIntentRoute,
} from "./client-secret.ts";
import { mergeMetadata, requireCustomer, type Shipping, shippingOf } from "./customers.ts";
import { afterCapture } from "./disputes.ts";
import { listFields, listJson } from "./list.ts";
import { paymentRisk, recordPaymentOutcome, SUPPORTED_CURRENCIES } from "./payment-evaluations.ts";
import type { StoredPaymentMethod } from "./payment-methods.ts";

export const PAYMENT_INTENT = "payment_intent";

type Status =
  | "requires_payment_method"
  | "requires_confirmation"
  | "requires_action"
  | "requires_capture"
  | "processing"
  | "succeeded"
  | "canceled";

interface LastPaymentError {
  type: "card_error" | "invalid_request_error";
  code: string;
  decline_code?: string;
  message: string;
  doc_url: string;
  payment_method: unknown;
  charge?: string;
}

export interface PaymentIntent {
  id: string;
  object: "payment_intent";
  allowed_payment_method_types: string[] | null;
  amount: number;
  amount_capturable: number;
  amount_received: number;
  application: null;
  application_fee_amount: null;
  automatic_payment_methods: { enabled: boolean; allow_redirects?: string } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: "automatic" | "automatic_async" | "manual";
  client_secret: string;
  confirmation_method: "automatic" | "manual";
  created: number;
  currency: string;
  customer: string | null;
  customer_account: null;
  description: string | null;
  excluded_payment_method_types: string[] | null;
  last_payment_error: LastPaymentError | null;
  latest_charge: string | null;
  livemode: false;
  managed_payments: null;
  metadata: Record<string, string>;
  next_action: Record<string, unknown> | null;
  on_behalf_of: null;
  payment_method: string | null;
  payment_method_configuration_details: null;
  payment_method_options: { card: Record<string, string | null> };
  payment_method_types: string[];
  payment_record: null;
  processing: null;
  receipt_email: string | null;
  review: null;
  setup_future_usage: string | null;
  shipping: Shipping | null;
  source: null;
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  status: Status;
  transfer_group: string | null;
}

/** Parameters an update or a confirmation may change that the PaymentIntent shows as sent. */
function applyEchoed(intent: PaymentIntent, params: Params, request: ApiRequest): void {
  if (request.form.shipping !== undefined) {
    intent.shipping = request.form.shipping === "" ? null : shippingOf(obj(params, "shipping"));
  }
  const suffix = str(params, "statement_descriptor_suffix");
  if (suffix !== undefined) intent.statement_descriptor_suffix = suffix || null;
  if (obj(params, "payment_method_options")) {
    intent.payment_method_options = cardOptions(params, intent.payment_method_options);
  }
}

/** The card options Stripe shows on every card PaymentIntent, with those the caller set. */
function cardOptions(params: Params, current?: PaymentIntent["payment_method_options"]) {
  const given = obj(obj(params, "payment_method_options"), "card");
  const card: Record<string, string | null> = current?.card ?? {
    installments: null,
    mandate_options: null,
    network: null,
    request_three_d_secure: "automatic",
  };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (typeof value === "string") card[key] = value === "" ? null : value;
  }
  return { card };
}

const confirmFields: Fields = {
  payment_method: { type: "string" },
  return_url: { type: "string" },
  off_session: { type: "boolean" },
  receipt_email: { type: "string", emptyAllowed: true },
  setup_future_usage: { type: "enum", values: ["off_session", "on_session", ""] },
  payment_method_types: { type: "array", items: { type: "string" } },
  allowed_payment_method_types: { type: "array", items: { type: "string" } },
  use_stripe_sdk: { type: "boolean" },
  client_secret: { type: "string" },
  expand: { type: "any" },
};

const createFields: Fields = {
  amount: { type: "integer", required: true, min: 1 },
  currency: { type: "string", required: true },
  customer: { type: "string" },
  confirm: { type: "boolean" },
  description: { type: "string", emptyAllowed: true },
  metadata: { type: "metadata" },
  statement_descriptor: { type: "string", maxLength: 22 },
  capture_method: { type: "enum", values: ["automatic", "automatic_async", "manual"] },
  confirmation_method: { type: "enum", values: ["automatic", "manual"] },
  automatic_payment_methods: {
    type: "object",
    fields: {
      enabled: { type: "boolean", required: true },
      allow_redirects: { type: "enum", values: ["always", "never"] },
    },
  },
  radar_options: { type: "object", fields: { session: { type: "string" } } },
  ...confirmFields,
};

function save(services: Services, intent: PaymentIntent): string {
  return services.store.put(PAYMENT_INTENT, intent.id, intent);
}

function load(services: Services, id: string): PaymentIntent {
  const entry = services.store.getOf(PAYMENT_INTENT, id);
  if (!entry) throw pathObjectMissing("payment_intent", id);
  return JSON.parse(entry.json) as PaymentIntent;
}

const CLIENT_SECRET_REFUSALS: ClientSecretRefusals = {
  mismatch: {
    message:
      "The client_secret provided does not match any associated PaymentIntent on this account.",
    code: "payment_intent_invalid_parameter",
  },
  missing: { message: "Missing required param: client_secret.", code: "parameter_missing" },
};

function unexpectedState(intent: PaymentIntent, action: string, allowed?: string): StripeError {
  return new StripeError(400, {
    type: "invalid_request_error",
    code: "payment_intent_unexpected_state",
    message: `You cannot ${action} this PaymentIntent because it has a status of ${intent.status}.${allowed ? ` ${allowed}` : ""}`,
    payment_intent: intent,
  });
}

/** The authorized, uncaptured charge of a PaymentIntent in `requires_capture`. */
function heldCharge(services: Services, intent: PaymentIntent): Charge {
  const held = intent.latest_charge ? findCharge(services, intent.latest_charge) : undefined;
  if (!held) throw new Error(`PaymentIntent ${intent.id} is requires_capture without its charge`);
  return held;
}

/** Cancelling an uncaptured PaymentIntent releases the authorization: the charge is refunded. */
function release(services: Services, request: ApiRequest, intent: PaymentIntent): void {
  const held = heldCharge(services, intent);
  takeBack(held, held.amount);
  saveCharge(services, held);
  services.events.publish("charge.refunded", held, request);
  intent.amount_capturable = 0;
}

/**
 * Captures `amount` of an authorized PaymentIntent; the rest of the authorization is released
 * (shown as refunded on the charge), as Stripe does for a partial capture.
 */
function capture(
  services: Services,
  request: ApiRequest,
  intent: PaymentIntent,
  amount: number,
): string {
  const held = heldCharge(services, intent);
  held.captured = true;
  held.amount_captured = amount;
  if (amount < held.amount) takeBack(held, held.amount - amount);
  saveCharge(services, held);
  services.events.publish("charge.captured", held, request);
  intent.status = "succeeded";
  intent.amount_received = amount;
  intent.amount_capturable = 0;
  const json = save(services, intent);
  services.events.publish("payment_intent.succeeded", intent, request);
  const card = services.paymentMethods.find(held.payment_method)?.card;
  if (card) afterCapture(services, request, held, card);
  return json;
}

/** Radar's view of the payment about to be charged with a PaymentMethod. */
function riskOf(
  services: Services,
  request: ApiRequest,
  intent: PaymentIntent,
  stored: StoredPaymentMethod,
  paymentMethodIds: string[],
): Risk {
  return paymentRisk(services, {
    paymentMethodIds,
    customer: intent.customer,
    amount: intent.amount,
    card: stored.card,
    billingCountry: stored.paymentMethod.billing_details.address.country ?? null,
    now: request.now,
  });
}

/**
 * Moves a PaymentIntent as Stripe does when it is confirmed with a test card: Radar blocks
 * `highest` risk first, then 3D Secure is asked for when the card needs it, then the issuer
 * answers.
 */
function charge(
  services: Services,
  request: ApiRequest,
  intent: PaymentIntent,
  stored: StoredPaymentMethod,
  returnUrl: string | undefined,
  paymentMethodIds: string[],
): string {
  const risk = riskOf(services, request, intent, stored, paymentMethodIds);
  if (stored.card.threeDSecure && risk.risk_level !== "highest") {
    intent.status = "requires_action";
    const challenge = `${request.baseUrl}/_emulator/3ds/${intent.id}`;
    intent.next_action = returnUrl
      ? {
          type: "redirect_to_url",
          redirect_to_url: {
            return_url: returnUrl,
            url: `${challenge}?client_secret=${intent.client_secret}&return_url=${encodeURIComponent(returnUrl)}`,
          },
        }
      : {
          type: "use_stripe_sdk",
          use_stripe_sdk: {
            type: "three_d_secure_redirect",
            stripe_js: challenge,
            source: newId("src"),
          },
        };
    const json = save(services, intent);
    services.events.publish("payment_intent.requires_action", intent, request);
    return json;
  }
  return settle(services, request, intent, stored, verdict(stored.card, risk), paymentMethodIds);
}

/**
 * Records the charge and what it did to the PaymentIntent: `succeeded`, `requires_capture` (manual
 * capture) or, declined, back to `requires_payment_method` with the 402 Stripe answers.
 */
function settle(
  services: Services,
  request: ApiRequest,
  intent: PaymentIntent,
  stored: StoredPaymentMethod,
  result: Verdict,
  paymentMethodIds: string[],
  authenticated = false,
): string {
  const { paymentMethod } = stored;
  const manual = intent.capture_method === "manual";
  const created = createCharge(services, request, {
    intent,
    paymentMethod,
    verdict: result,
    capture: !manual,
    authenticated,
  });
  intent.latest_charge = created.id;
  intent.next_action = null;
  const decline = result.decline;
  recordPaymentOutcome(services, {
    paymentMethodIds,
    customer: intent.customer,
    paymentIntentId: intent.id,
    declineCode: decline ? (decline.declineCode ?? decline.code) : null,
  });
  if (decline) {
    const { code, declineCode, message } = decline;
    intent.status = "requires_payment_method";
    intent.payment_method = null;
    intent.last_payment_error = {
      type: "card_error",
      code,
      decline_code: declineCode,
      message,
      doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`,
      payment_method: paymentMethod,
      charge: created.id,
    };
    save(services, intent);
    services.events.publish("payment_intent.payment_failed", intent, request);
    throw new StripeError(402, {
      type: "card_error",
      code,
      decline_code: declineCode,
      message,
      charge: created.id,
      payment_intent: intent,
      payment_method: paymentMethod,
    });
  }
  intent.last_payment_error = null;
  if (manual) {
    intent.status = "requires_capture";
    intent.amount_capturable = intent.amount;
    const json = save(services, intent);
    services.events.publish("payment_intent.amount_capturable_updated", intent, request);
    return json;
  }
  intent.status = "succeeded";
  intent.amount_received = intent.amount;
  const json = save(services, intent);
  services.events.publish("payment_intent.succeeded", intent, request);
  afterCapture(services, request, created, stored.card);
  return json;
}

/** A PaymentMethod given on create or update: the intent then awaits confirmation. */
function setPaymentMethod(
  services: Services,
  request: ApiRequest,
  intent: PaymentIntent,
  paymentMethodId: string | undefined,
): void {
  if (!paymentMethodId) return;
  intent.payment_method = services.paymentMethods.require(
    paymentMethodId,
    request,
    "payment_method",
  ).id;
  intent.status = "requires_confirmation";
}

/** `allowed_payment_method_types` came with 2026-07-29.dahlia, and replaced the writable
 * `payment_method_types` with 2026-09-30.endive. */
const ALLOWED_TYPES_FROM = "2026-07-29";
const TYPES_REMOVED_FROM = "2026-09-30";

/**
 * Without a list of types, a PaymentIntent takes the payment methods enabled in the Dashboard
 * (`automatic_payment_methods`, redirects allowed unless said otherwise), as Stripe does since
 * API version 2023-08-16; the emulator's Dashboard enables cards, the only type it knows.
 */
function paymentMethodChoice(
  params: Params,
  apiVersion: string,
): Pick<PaymentIntent, "automatic_payment_methods" | "payment_method_types"> {
  const automatic = obj(params, "automatic_payment_methods");
  const types = arr(params, "payment_method_types");
  const allowed = arr(params, "allowed_payment_method_types");
  if (types && !versionBefore(apiVersion, TYPES_REMOVED_FROM)) {
    throw invalidRequest(
      "The `payment_method_types` parameter is no longer supported on this API version: use dynamic payment methods, `excluded_payment_method_types` or `allowed_payment_method_types`.",
      "payment_method_types_no_longer_supported",
      "payment_method_types",
    );
  }
  if (allowed && versionBefore(apiVersion, ALLOWED_TYPES_FROM)) {
    throw parameterUnknown("allowed_payment_method_types");
  }
  const given = Object.entries({
    automatic_payment_methods: automatic,
    payment_method_types: types,
    allowed_payment_method_types: allowed,
  }).filter(([, value]) => value !== undefined);
  if (given.length > 1) {
    throw invalidRequest(
      `You may only specify one of these parameters: ${given.map(([name]) => name).join(", ")}.`,
      "parameters_exclusive",
    );
  }
  if (types) return { automatic_payment_methods: null, payment_method_types: types.map(String) };
  // Incompatible types are left out silently, as Stripe does with allowed_payment_method_types.
  if (allowed) {
    return {
      automatic_payment_methods: null,
      payment_method_types: allowed.map(String).filter((type) => type === "card"),
    };
  }
  const enabled = automatic ? bool(automatic, "enabled") === true : true;
  return {
    automatic_payment_methods: enabled
      ? { enabled, allow_redirects: str(automatic, "allow_redirects") ?? "always" }
      : { enabled },
    payment_method_types: ["card"],
  };
}

/** Payment methods that may redirect need somewhere to come back to. */
function requireReturnUrl(intent: PaymentIntent, returnUrl: string | undefined): void {
  const automatic = intent.automatic_payment_methods;
  if (returnUrl || !automatic?.enabled || automatic.allow_redirects === "never") return;
  throw invalidRequest(
    "A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.",
  );
}

function confirm(
  services: Services,
  request: ApiRequest,
  intent: PaymentIntent,
  paymentMethodParam: string | undefined,
  returnUrl: string | undefined,
): string {
  if (
    !["requires_payment_method", "requires_confirmation", "requires_action"].includes(intent.status)
  ) {
    throw unexpectedState(intent, "confirm");
  }
  requireReturnUrl(intent, returnUrl);
  const pmId = paymentMethodParam ?? intent.payment_method;
  if (!pmId) {
    throw new StripeError(400, {
      type: "invalid_request_error",
      code: "payment_intent_unexpected_state",
      message:
        "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with cus_... , specify a payment method attached to this customer along with the customer ID.",
      payment_intent: intent,
    });
  }
  const stored = services.paymentMethods.resolve(pmId, request, "payment_method");
  const { paymentMethod, alias } = stored;
  if (paymentMethod.customer && intent.customer && paymentMethod.customer !== intent.customer) {
    throw invalidRequest(
      `The provided PaymentMethod belongs to a different Customer.`,
      "payment_method_unexpected_state",
      "payment_method",
    );
  }
  intent.payment_method = paymentMethod.id;
  intent.status = "requires_confirmation";
  return charge(services, request, intent, stored, returnUrl, [
    pmId,
    paymentMethod.id,
    alias ?? "",
  ]);
}

export function paymentIntentRoutes(services: Services): Route[] {
  return [
    {
      method: "POST",
      path: "/v1/payment_intents",
      handler: (request) => {
        const params = validateParams(request, createFields);
        const currency = str(params, "currency") ?? "";
        if (!SUPPORTED_CURRENCIES.has(currency)) {
          throw invalidRequest(
            `Invalid currency: ${currency}.`,
            "parameter_invalid_string",
            "currency",
          );
        }
        checkAmountMinimum(int(params, "amount") ?? 0, currency);
        const customer = str(params, "customer") ?? null;
        if (customer) requireCustomer(services, customer, "customer");
        const id = newId("pi");
        const intent: PaymentIntent = {
          id,
          object: "payment_intent",
          allowed_payment_method_types: null,
          amount: int(params, "amount") ?? 0,
          amount_capturable: 0,
          amount_received: 0,
          application: null,
          application_fee_amount: null,
          ...paymentMethodChoice(params, request.apiVersion),
          canceled_at: null,
          cancellation_reason: null,
          capture_method:
            (str(params, "capture_method") as PaymentIntent["capture_method"]) ?? "automatic_async",
          client_secret: `${id}_secret_${newId("s").slice(2)}`,
          confirmation_method:
            str(params, "confirmation_method") === "manual" ? "manual" : "automatic",
          created: request.now,
          currency,
          customer,
          customer_account: null,
          description: str(params, "description") || null,
          excluded_payment_method_types: null,
          last_payment_error: null,
          latest_charge: null,
          livemode: false,
          managed_payments: null,
          metadata: stringMap(params, "metadata") ?? {},
          next_action: null,
          on_behalf_of: null,
          payment_method: null,
          payment_method_configuration_details: null,
          payment_method_options: cardOptions(params),
          payment_record: null,
          processing: null,
          receipt_email: str(params, "receipt_email") || null,
          review: null,
          setup_future_usage: str(params, "setup_future_usage") || null,
          shipping: shippingOf(obj(params, "shipping")),
          source: null,
          statement_descriptor: str(params, "statement_descriptor") ?? null,
          statement_descriptor_suffix: str(params, "statement_descriptor_suffix") || null,
          status: "requires_payment_method",
          transfer_group: str(params, "transfer_group") || null,
        };
        const allowed = arr(params, "allowed_payment_method_types");
        if (allowed) intent.allowed_payment_method_types = allowed.map(String);
        setPaymentMethod(services, request, intent, str(params, "payment_method"));
        if (bool(params, "confirm")) requireReturnUrl(intent, str(params, "return_url"));
        save(services, intent);
        services.events.publish("payment_intent.created", intent, request);
        if (bool(params, "confirm")) {
          return ok(confirm(services, request, intent, undefined, str(params, "return_url")));
        }
        return ok(JSON.stringify(intent));
      },
    },
    retrieveIntentRoute("/v1/payment_intents", (id) => load(services, id), CLIENT_SECRET_REFUSALS),
    {
      method: "POST",
      path: "/v1/payment_intents/:id",
      handler: (request) => {
        const intent = load(services, request.pathParams.id ?? "");
        const params = validateParams(request, {
          amount: { type: "integer", min: 1 },
          description: { type: "string", emptyAllowed: true },
          metadata: { type: "metadata" },
          payment_method: { type: "string" },
          receipt_email: { type: "string", emptyAllowed: true },
          expand: { type: "any" },
        });
        if (["succeeded", "canceled", "processing"].includes(intent.status))
          throw unexpectedState(intent, "update");
        const amount = int(params, "amount");
        if (amount !== undefined) {
          checkAmountMinimum(amount, intent.currency);
          intent.amount = amount;
        }
        const description = str(params, "description");
        if (description !== undefined) intent.description = description || null;
        intent.metadata = mergeMetadata(
          intent.metadata,
          stringMap(params, "metadata"),
          request.form.metadata === "",
        );
        setPaymentMethod(services, request, intent, str(params, "payment_method"));
        applyEchoed(intent, params, request);
        return ok(save(services, intent));
      },
    },
    {
      method: "POST",
      path: "/v1/payment_intents/:id/confirm",
      publishable: true,
      handler: (request) => {
        const intent = load(services, request.pathParams.id ?? "");
        const params = validateParams(request, confirmFields);
        checkClientSecret(
          request,
          intent.client_secret,
          str(params, "client_secret"),
          CLIENT_SECRET_REFUSALS,
        );
        applyEchoed(intent, params, request);
        return ok(
          confirm(
            services,
            request,
            intent,
            str(params, "payment_method"),
            str(params, "return_url"),
          ),
        );
      },
    },
    {
      method: "POST",
      path: "/v1/payment_intents/:id/capture",
      handler: (request) => {
        const intent = load(services, request.pathParams.id ?? "");
        const params = validateParams(request, {
          amount_to_capture: { type: "integer", min: 1 },
          metadata: { type: "metadata" },
          expand: { type: "any" },
        });
        if (intent.status !== "requires_capture") {
          throw new StripeError(400, {
            type: "invalid_request_error",
            code: "payment_intent_unexpected_state",
            message: `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
            payment_intent: intent,
          });
        }
        const amount = int(params, "amount_to_capture") ?? intent.amount_capturable;
        if (amount > intent.amount_capturable) {
          throw invalidRequest(
            `The amount_to_capture (${amount}) must be less than or equal to the PaymentIntent's amount_capturable (${intent.amount_capturable}).`,
            "amount_too_large",
            "amount_to_capture",
          );
        }
        intent.metadata = mergeMetadata(
          intent.metadata,
          stringMap(params, "metadata"),
          request.form.metadata === "",
        );
        return ok(capture(services, request, intent, amount));
      },
    },
    {
      method: "POST",
      path: "/v1/payment_intents/:id/cancel",
      handler: (request) => {
        const intent = load(services, request.pathParams.id ?? "");
        const params = validateParams(request, {
          cancellation_reason: {
            type: "enum",
            values: ["duplicate", "fraudulent", "requested_by_customer", "abandoned"],
          },
          expand: { type: "any" },
        });
        if (
          intent.status === "succeeded" ||
          intent.status === "canceled" ||
          intent.status === "processing"
        ) {
          throw unexpectedState(
            intent,
            "cancel",
            "Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.",
          );
        }
        if (intent.status === "requires_capture") release(services, request, intent);
        intent.status = "canceled";
        intent.canceled_at = request.now;
        intent.cancellation_reason = str(params, "cancellation_reason") ?? null;
        intent.next_action = null;
        const json = save(services, intent);
        services.events.publish("payment_intent.canceled", intent, request);
        return ok(json);
      },
    },
    {
      method: "GET",
      path: "/v1/payment_intents",
      handler: (request) => {
        const params = validateParams(request, {
          ...listFields,
          customer: { type: "string" },
          created: { type: "any" },
        });
        const customer = str(params, "customer");
        const needle =
          customer === undefined ? undefined : `"customer":${JSON.stringify(customer)}`;
        return ok(
          listJson(
            "/v1/payment_intents",
            services.store.newestFirst(PAYMENT_INTENT),
            params,
            (entry) => (needle === undefined ? true : entry.json.includes(needle)),
          ),
        );
      },
    },
  ];
}

/**
 * Completes (or fails) the 3D Secure challenge of a PaymentIntent in `requires_action`, as the
 * test challenge page does. Used by the stand-in Stripe.js; requires the client secret.
 */
export function completeThreeDSecure(
  services: Services,
  request: ApiRequest,
  id: string,
  clientSecret: string,
  approve: boolean,
): string {
  const intent = load(services, id);
  if (clientSecret !== intent.client_secret) {
    throw invalidRequest(
      "The client_secret provided does not match this PaymentIntent.",
      undefined,
      "client_secret",
    );
  }
  if (intent.status !== "requires_action") throw unexpectedState(intent, "authenticate");
  const stored = intent.payment_method
    ? services.paymentMethods.find(intent.payment_method)
    : undefined;
  if (approve && stored) {
    const ids = [stored.paymentMethod.id, stored.alias ?? ""];
    const risk = riskOf(services, request, intent, stored, ids);
    try {
      return settle(services, request, intent, stored, verdict(stored.card, risk), ids, true);
    } catch (error) {
      // Declined after authentication: the challenge is over, the PaymentIntent awaits another card.
      if (error instanceof StripeError && error.status === 402) return JSON.stringify(intent);
      throw error;
    }
  }
  const paymentMethod = stored?.paymentMethod ?? null;
  intent.status = "requires_payment_method";
  intent.next_action = null;
  intent.payment_method = null;
  intent.last_payment_error = {
    type: "invalid_request_error",
    code: "payment_intent_authentication_failure",
    message:
      "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
    doc_url: "https://stripe.com/docs/error-codes/payment-intent-authentication-failure",
    payment_method: paymentMethod,
  };
  const json = save(services, intent);
  services.events.publish("payment_intent.payment_failed", intent, request);
  return json;
}
