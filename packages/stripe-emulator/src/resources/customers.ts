import type { Core } from "../core.ts";
import { resourceMissing } from "../http/errors.ts";
import { newId } from "../http/ids.ts";
import { addressFields, obj, type Params, str, stringMap } from "../http/params.ts";
import type { ApiRequest } from "../http/route.ts";

export interface Customer {
  id: string;
  object: "customer";
  address: Record<string, string | null> | null;
  balance: number;
  created: number;
  currency: string | null;
  customer_account: null;
  default_source: null;
  delinquent: boolean;
  description: string | null;
  email: string | null;
  invoice_prefix: string;
  invoice_settings: {
    custom_fields: null;
    default_payment_method: string | null;
    footer: null;
    rendering_options: null;
  };
  livemode: false;
  metadata: Record<string, string>;
  name: string | null;
  phone: string | null;
  preferred_locales: string[];
  shipping: Shipping | null;
  tax_exempt: string;
  test_clock: null;
}

export const KIND = "customer";

export function emptyToNull(value: string | undefined, fallback: string | null): string | null {
  if (value === undefined) return fallback;
  return value === "" ? null : value;
}

export function findCustomer(services: Core, id: string): Customer | undefined {
  const entry = services.store.getOf(KIND, id);
  return entry ? (JSON.parse(entry.json) as Customer) : undefined;
}

/** For a customer named in a parameter: a 400 resource_missing when it does not exist. */
export function requireCustomer(services: Core, id: string, param: string): Customer {
  const customer = findCustomer(services, id);
  if (!customer) throw resourceMissing("customer", id, param);
  return customer;
}

/**
 * Whether the customer exists, without reading it (for hot paths): the stored ID string equal
 * to `id` (see `Store.storedId`), or undefined.
 */
export function storedCustomerId(services: Core, id: string): string | undefined {
  return services.store.storedId(KIND, id);
}

export function saveCustomer(services: Core, customer: Customer): string {
  services.risk.recordCustomer(customer.id, customer.email, customer.phone);
  return services.store.put(KIND, customer.id, customer);
}

export function createCustomer(
  services: Core,
  request: ApiRequest,
  data: { email?: string; name?: string; phone?: string; description?: string },
  params: Params = {},
): Customer {
  const customer: Customer = {
    id: newId("cus", 14),
    object: "customer",
    address: null,
    balance: 0,
    created: request.now,
    currency: null,
    customer_account: null,
    default_source: null,
    delinquent: false,
    description: emptyToNull(data.description, null),
    email: emptyToNull(data.email, null),
    invoice_prefix: newId("x", 8).slice(2).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: stringMap(params, "metadata") ?? {},
    name: emptyToNull(data.name, null),
    phone: emptyToNull(data.phone, null),
    preferred_locales: [],
    shipping: shippingOf(obj(params, "shipping")),
    tax_exempt: str(params, "tax_exempt") || "none",
    test_clock: null,
  };
  const address = obj(params, "address");
  if (address) customer.address = addressOf(address);
  saveCustomer(services, customer);
  services.events.publish("customer.created", customer, request);
  return customer;
}

/** Where a payment's goods go, as the PaymentIntent and its charges show it. */
export interface Shipping {
  address: Record<string, string | null>;
  carrier: string | null;
  name: string;
  phone: string | null;
  tracking_number: string | null;
}

/** `shipping` as sent (`address`, `name`, `carrier`, `phone`, `tracking_number`), every field present. */
export function shippingOf(params: Params | undefined): Shipping | null {
  if (!params) return null;
  return {
    address: addressOf(obj(params, "address") ?? {}),
    carrier: str(params, "carrier") || null,
    name: str(params, "name") ?? "",
    phone: str(params, "phone") || null,
    tracking_number: str(params, "tracking_number") || null,
  };
}

export function addressOf(params: Params): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const key of Object.keys(addressFields)) out[key] = emptyToNull(str(params, key), null);
  return out;
}

function mergeMetadata(
  current: Record<string, string>,
  update: Record<string, string> | undefined,
  cleared: boolean,
): Record<string, string> {
  if (cleared) return {};
  if (!update) return current;
  const merged = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === "") delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

export { mergeMetadata };
