import { createHash } from "node:crypto";
import type { Core } from "../core.ts";
import { invalidRequest, pathObjectMissing, resourceMissing, StripeError } from "../http/errors.ts";
import { newId } from "../http/ids.ts";
import {
  addressFields,
  type Fields,
  obj,
  type Params,
  str,
  stringMap,
  validateParams,
} from "../http/params.ts";
import { type ApiRequest, ok, type Route } from "../http/route.ts";
import { mergeMetadata, requireCustomer } from "./customers.ts";
import { listFields, listJson } from "./list.ts";
import {
  type CardChecks,
  type CheckResult,
  genericCard,
  luhnValid,
  type TestCard,
  testCardByNumber,
  testCardByPaymentMethodId,
} from "./test-cards.ts";

type Address = Record<string, string | null>;

export interface PaymentMethod {
  id: string;
  object: "payment_method";
  allow_redisplay: string;
  billing_details: {
    address: Address;
    email: string | null;
    name: string | null;
    phone: string | null;
    tax_id: null;
  };
  card: {
    brand: string;
    checks: {
      address_line1_check: string | null;
      address_postal_code_check: string | null;
      cvc_check: string | null;
    };
    country: string;
    display_brand: string;
    exp_month: number;
    exp_year: number;
    fingerprint: string;
    funding: string;
    generated_from: null;
    last4: string;
    networks: { available: string[]; preferred: null };
    regulated_status: "unregulated";
    three_d_secure_usage: { supported: boolean };
    wallet: null;
  };
  created: number;
  customer: string | null;
  customer_account: null;
  livemode: false;
  metadata: Record<string, string>;
  type: "card";
}

/** Internal facts kept beside a PaymentMethod: which test card it is. */
export interface PaymentMethodMeta {
  card: string;
  /** The test ID it was made from (`pm_card_visa`), so evaluations made with that ID match. */
  alias?: string;
}

const KIND = "payment_method";

const billingFields: Fields = {
  address: { type: "object", fields: addressFields },
  email: { type: "string", maxLength: 800, emptyAllowed: true },
  name: { type: "string", emptyAllowed: true },
  phone: { type: "string", emptyAllowed: true },
};

const createFields: Fields = {
  type: { type: "enum", values: ["card"], required: true },
  card: {
    type: "object",
    fields: {
      number: { type: "string" },
      exp_month: { type: "integer" },
      exp_year: { type: "integer" },
      cvc: { type: "string" },
      token: { type: "string" },
    },
  },
  billing_details: { type: "object", fields: billingFields },
  metadata: { type: "metadata" },
  allow_redisplay: { type: "enum", values: ["always", "limited", "unspecified"] },
  customer: { type: "string" },
  expand: { type: "any" },
};

/**
 * Stripe's answer to card numbers sent with a secret key by an account without raw card data
 * access (STRIPE_EMULATOR_RAW_CARD_DATA): cards are collected by Stripe.js (publishable key), or
 * named by test PaymentMethod IDs.
 */
function rawCardDataRefused(): StripeError {
  return new StripeError(402, {
    type: "invalid_request_error",
    message:
      "Sending credit card numbers directly to the Stripe API is generally unsafe. We suggest you use test tokens that map to the test card you are using, see https://stripe.com/docs/testing. To enable testing raw card data APIs, see https://support.stripe.com/questions/enabling-access-to-raw-card-data-apis.",
  });
}

function cardError(code: string, message: string, param: string): StripeError {
  return new StripeError(402, { type: "card_error", code, message, param });
}

function emptyAddress(): Address {
  return { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };
}

function addressOf(params: Params | undefined): Address {
  const address = emptyAddress();
  for (const key of Object.keys(address)) {
    const value = str(params, key);
    if (value !== undefined) address[key] = value === "" ? null : value;
  }
  return address;
}

/** A check is run only on a value given; it passes unless the test card says otherwise. */
function checkOf(card: TestCard, check: keyof CardChecks, given: boolean): CheckResult | null {
  return given ? (card.checks?.[check] ?? "pass") : null;
}

function buildPaymentMethod(
  card: TestCard,
  expMonth: number,
  expYear: number,
  billing: Params | undefined,
  now: number,
  cvcGiven: boolean,
): PaymentMethod {
  const address = obj(billing, "address");
  const line1 = str(address, "line1") || undefined;
  const postal = str(address, "postal_code") || undefined;
  return {
    id: newId("pm"),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: {
      address: addressOf(address),
      email: str(billing, "email") || null,
      name: str(billing, "name") || null,
      phone: str(billing, "phone") || null,
      tax_id: null,
    },
    card: {
      brand: card.brand,
      checks: {
        address_line1_check: checkOf(card, "address_line1_check", line1 !== undefined),
        address_postal_code_check: checkOf(card, "address_postal_code_check", postal !== undefined),
        cvc_check: checkOf(card, "cvc_check", cvcGiven),
      },
      country: card.country,
      display_brand: card.brand,
      exp_month: expMonth,
      exp_year: expYear,
      fingerprint: createHash("sha256").update(card.number).digest("base64url").slice(0, 16),
      funding: card.funding,
      generated_from: null,
      last4: card.number.slice(-4),
      networks: { available: [card.brand], preferred: null },
      regulated_status: "unregulated",
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: now,
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: "card",
  };
}

export interface StoredPaymentMethod {
  paymentMethod: PaymentMethod;
  card: TestCard;
  alias?: string;
}

/** PaymentMethods as other resources use them: look-up (test IDs included) and attach. */
export class PaymentMethodService {
  constructor(private readonly core: Core) {}

  private save(paymentMethod: PaymentMethod, card: TestCard, newAlias?: string): string {
    const alias = newAlias ?? this.find(paymentMethod.id)?.alias;
    const meta: PaymentMethodMeta = alias ? { card: card.number, alias } : { card: card.number };
    return this.core.store.put(KIND, paymentMethod.id, paymentMethod, meta);
  }

  find(id: string): StoredPaymentMethod | undefined {
    const entry = this.core.store.getOf(KIND, id);
    if (!entry?.meta) return undefined;
    const meta = JSON.parse(entry.meta) as PaymentMethodMeta;
    const paymentMethod = JSON.parse(entry.json) as PaymentMethod;
    return {
      paymentMethod,
      card: testCardByNumber(meta.card) ?? genericCard(meta.card),
      alias: meta.alias,
    };
  }

  /**
   * Resolves a PaymentMethod ID named in a parameter. Stripe's test IDs (`pm_card_visa`, ...)
   * create a fresh PaymentMethod from their card, as Stripe does.
   */
  resolve(id: string, request: ApiRequest, param: string): StoredPaymentMethod {
    const card = testCardByPaymentMethodId(id);
    if (card) {
      const now = new Date();
      const paymentMethod = buildPaymentMethod(
        card,
        12,
        now.getUTCFullYear() + 3,
        undefined,
        request.now,
        true,
      );
      this.save(paymentMethod, card, id);
      return { paymentMethod, card, alias: id };
    }
    const found = this.find(id);
    if (!found) throw resourceMissing("PaymentMethod", id, param);
    return found;
  }

  require(id: string, request: ApiRequest, param: string): PaymentMethod {
    return this.resolve(id, request, param).paymentMethod;
  }

  /** The card behind an ID without creating anything (for scoring). */
  cardOf(id: string): TestCard | undefined {
    return testCardByPaymentMethodId(id) ?? this.find(id)?.card;
  }

  attach(id: string, customerId: string, request: ApiRequest, param: string): PaymentMethod {
    const services = this.core;
    requireCustomer(services, customerId, "customer");
    const { paymentMethod, card } = this.resolve(id, request, param);
    if (paymentMethod.customer && paymentMethod.customer !== customerId) {
      throw invalidRequest(
        "The payment method you provided has already been attached to a customer.",
        "payment_method_unexpected_state",
      );
    }
    paymentMethod.customer = customerId;
    this.save(paymentMethod, card);
    services.events.publish("payment_method.attached", paymentMethod, request);
    return paymentMethod;
  }

  create(params: Params, request: ApiRequest): PaymentMethod {
    const cardParams = obj(params, "card");
    if (!cardParams)
      throw invalidRequest("Missing required param: card.", "parameter_missing", "card");
    const token = str(cardParams, "token");
    let card: TestCard;
    let expMonth: number;
    let expYear: number;
    if (token) {
      const name = token.startsWith("tok_") ? token.slice(4) : token;
      const byToken = testCardByPaymentMethodId(`pm_card_${name}`);
      if (!byToken) throw resourceMissing("token", token, "card[token]");
      card = byToken;
      expMonth = 12;
      expYear = new Date().getUTCFullYear() + 3;
    } else {
      const number = (str(cardParams, "number") ?? "").replace(/[\s-]/g, "");
      if (!number)
        throw invalidRequest(
          "Missing required param: card[number].",
          "parameter_missing",
          "card[number]",
        );
      if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) {
        throw cardError("incorrect_number", "Your card number is incorrect.", "card[number]");
      }
      const month = cardParams.exp_month;
      const year = cardParams.exp_year;
      if (typeof month !== "number")
        throw invalidRequest(
          "Missing required param: card[exp_month].",
          "parameter_missing",
          "card[exp_month]",
        );
      if (typeof year !== "number")
        throw invalidRequest(
          "Missing required param: card[exp_year].",
          "parameter_missing",
          "card[exp_year]",
        );
      if (month < 1 || month > 12) {
        throw cardError(
          "invalid_expiry_month",
          "Your card's expiration month is invalid.",
          "card[exp_month]",
        );
      }
      const fullYear = year < 100 ? 2000 + year : year;
      const today = new Date();
      const expired =
        fullYear < today.getUTCFullYear() ||
        (fullYear === today.getUTCFullYear() && month < today.getUTCMonth() + 1);
      if (expired || fullYear > today.getUTCFullYear() + 50) {
        throw cardError(
          "invalid_expiry_year",
          "Your card's expiration year is invalid.",
          "card[exp_year]",
        );
      }
      const cvc = str(cardParams, "cvc");
      if (cvc !== undefined && !/^\d{3,4}$/.test(cvc)) {
        throw cardError("invalid_cvc", "Your card's security code is invalid.", "card[cvc]");
      }
      card = testCardByNumber(number) ?? genericCard(number);
      expMonth = month;
      expYear = fullYear;
    }
    const paymentMethod = buildPaymentMethod(
      card,
      expMonth,
      expYear,
      obj(params, "billing_details"),
      request.now,
      str(cardParams, "cvc") !== undefined,
    );
    paymentMethod.metadata = stringMap(params, "metadata") ?? {};
    const allowRedisplay = str(params, "allow_redisplay");
    if (allowRedisplay) paymentMethod.allow_redisplay = allowRedisplay;
    this.save(paymentMethod, card);
    const customer = str(params, "customer");
    if (customer) return this.attach(paymentMethod.id, customer, request, "customer");
    return paymentMethod;
  }

  update(paymentMethod: PaymentMethod, card: TestCard): string {
    return this.save(paymentMethod, card);
  }
}

export function paymentMethodRoutes(
  services: Core & { paymentMethods: PaymentMethodService },
  { rawCardData }: { rawCardData: boolean },
): Route[] {
  const pms = services.paymentMethods;
  const get = (id: string, request: ApiRequest): StoredPaymentMethod => {
    if (testCardByPaymentMethodId(id)) return pms.resolve(id, request, "payment_method");
    const found = pms.find(id);
    if (!found) throw pathObjectMissing("PaymentMethod", id);
    return found;
  };
  return [
    {
      method: "POST",
      path: "/v1/payment_methods",
      publishable: true,
      handler: (request) => {
        const params = validateParams(request, createFields);
        const cardNumber = str(obj(params, "card"), "number");
        if (request.keyKind === "secret" && !rawCardData && cardNumber !== undefined) {
          throw rawCardDataRefused();
        }
        if (request.keyKind === "publishable" && params.customer !== undefined) {
          throw invalidRequest(
            "This API call cannot be made with a publishable API key. Please use a secret API key.",
            undefined,
            "customer",
          );
        }
        return ok(JSON.stringify(pms.create(params, request)));
      },
    },
    {
      method: "GET",
      path: "/v1/payment_methods/:id",
      handler: (request) => {
        validateParams(request, { expand: { type: "any" } });
        return ok(JSON.stringify(get(request.pathParams.id ?? "", request).paymentMethod));
      },
    },
    {
      method: "POST",
      path: "/v1/payment_methods/:id",
      handler: (request) => {
        const { paymentMethod, card } = get(request.pathParams.id ?? "", request);
        const params = validateParams(request, {
          billing_details: { type: "object", fields: billingFields },
          metadata: { type: "metadata" },
          allow_redisplay: { type: "enum", values: ["always", "limited", "unspecified"] },
          expand: { type: "any" },
        });
        const billing = obj(params, "billing_details");
        if (billing) {
          const address = obj(billing, "address");
          if (address) paymentMethod.billing_details.address = addressOf(address);
          for (const key of ["email", "name", "phone"] as const) {
            const value = str(billing, key);
            if (value !== undefined) paymentMethod.billing_details[key] = value || null;
          }
        }
        paymentMethod.metadata = mergeMetadata(
          paymentMethod.metadata,
          stringMap(params, "metadata"),
          request.form.metadata === "",
        );
        return ok(pms.update(paymentMethod, card));
      },
    },
    {
      method: "POST",
      path: "/v1/payment_methods/:id/attach",
      handler: (request) => {
        const id = request.pathParams.id ?? "";
        get(id, request);
        const params = validateParams(request, {
          customer: { type: "string", required: true },
          expand: { type: "any" },
        });
        return ok(
          JSON.stringify(pms.attach(id, str(params, "customer") ?? "", request, "payment_method")),
        );
      },
    },
    {
      method: "POST",
      path: "/v1/payment_methods/:id/detach",
      handler: (request) => {
        const { paymentMethod, card } = get(request.pathParams.id ?? "", request);
        validateParams(request, { expand: { type: "any" } });
        if (!paymentMethod.customer) {
          throw invalidRequest(
            "The payment method you provided is not attached to a customer so detachment is impossible.",
            "payment_method_unexpected_state",
          );
        }
        paymentMethod.customer = null;
        const json = pms.update(paymentMethod, card);
        services.events.publish("payment_method.detached", paymentMethod, request);
        return ok(json);
      },
    },
    {
      method: "GET",
      path: "/v1/payment_methods",
      handler: (request) => {
        const params = validateParams(request, {
          ...listFields,
          customer: { type: "string" },
          type: { type: "enum", values: ["card"] },
        });
        const customer = str(params, "customer");
        if (customer) requireCustomer(services, customer, "customer");
        return ok(
          listJson("/v1/payment_methods", services.store.newestFirst(KIND), params, (entry) =>
            customer === undefined
              ? true
              : entry.json.includes(`"customer":${JSON.stringify(customer)}`),
          ),
        );
      },
    },
    {
      method: "GET",
      path: "/v1/customers/:customer/payment_methods",
      handler: (request) => {
        const params = validateParams(request, {
          ...listFields,
          type: { type: "enum", values: ["card"] },
        });
        const customer = request.pathParams.customer ?? "";
        requireCustomer(services, customer, "customer");
        return ok(
          listJson(
            `/v1/customers/${customer}/payment_methods`,
            services.store.newestFirst(KIND),
            params,
            (entry) => entry.json.includes(`"customer":${JSON.stringify(customer)}`),
          ),
        );
      },
    },
  ];
}
