import { pathObjectMissing, resourceMissing } from "../http/errors.ts";
import { newId } from "../http/ids.ts";
import {
  addressFields,
  type Fields,
  obj,
  type Params,
  str,
  stringMap,
  validateFields,
} from "../http/params.ts";
import { type ApiRequest, ok, type Route } from "../http/route.ts";
import type { Services } from "../services.ts";
import { listFields, listJson } from "./list.ts";

export interface Customer {
  id: string;
  object: "customer";
  address: Record<string, string | null> | null;
  balance: number;
  created: number;
  currency: string | null;
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
  shipping: null;
  tax_exempt: "none";
  test_clock: null;
}

const KIND = "customer";

const customerFields: Fields = {
  email: { type: "string", maxLength: 512, emptyAllowed: true },
  name: { type: "string", maxLength: 256, emptyAllowed: true },
  phone: { type: "string", maxLength: 20, emptyAllowed: true },
  description: { type: "string", emptyAllowed: true },
  metadata: { type: "metadata" },
  address: { type: "object", fields: addressFields },
  payment_method: { type: "string" },
  invoice_settings: {
    type: "object",
    fields: { default_payment_method: { type: "string", emptyAllowed: true } },
  },
  preferred_locales: { type: "array", items: { type: "string" } },
  expand: { type: "any" },
};

function emptyToNull(value: string | undefined, fallback: string | null): string | null {
  if (value === undefined) return fallback;
  return value === "" ? null : value;
}

export function findCustomer(services: Services, id: string): Customer | undefined {
  const entry = services.store.getOf(KIND, id);
  return entry ? (JSON.parse(entry.json) as Customer) : undefined;
}

/** For a customer named in a parameter: a 400 resource_missing when it does not exist. */
export function requireCustomer(services: Services, id: string, param: string): Customer {
  const customer = findCustomer(services, id);
  if (!customer) throw resourceMissing("customer", id, param);
  return customer;
}

/**
 * Whether the customer exists, without reading it (for hot paths): the stored ID string equal
 * to `id` (see `Store.storedId`), or undefined.
 */
export function storedCustomerId(services: Services, id: string): string | undefined {
  return services.store.storedId(KIND, id);
}

function saveCustomer(services: Services, customer: Customer): string {
  services.risk.recordCustomer(customer.id, customer.email, customer.phone);
  return services.store.put(KIND, customer.id, customer);
}

export function createCustomer(
  services: Services,
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
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
  const address = obj(params, "address");
  if (address) customer.address = addressOf(address);
  saveCustomer(services, customer);
  services.events.publish("customer.created", customer, request);
  return customer;
}

function addressOf(params: Params): Record<string, string | null> {
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

export function customerRoutes(services: Services): Route[] {
  const get = (id: string): Customer => {
    const customer = findCustomer(services, id);
    if (!customer) throw pathObjectMissing("customer", id);
    return customer;
  };
  return [
    {
      method: "POST",
      path: "/v1/customers",
      handler: (request) => {
        const params = validateFields(request.form, customerFields);
        const paymentMethod = str(params, "payment_method");
        const customer = createCustomer(
          services,
          request,
          {
            email: str(params, "email"),
            name: str(params, "name"),
            phone: str(params, "phone"),
            description: str(params, "description"),
          },
          params,
        );
        if (paymentMethod) {
          services.paymentMethods.attach(paymentMethod, customer.id, request, "payment_method");
        }
        return ok(JSON.stringify(customer));
      },
    },
    {
      method: "GET",
      path: "/v1/customers/:id",
      handler: (request) => {
        const id = request.pathParams.id ?? "";
        validateFields(request.form, { expand: { type: "any" } });
        const entry = services.store.get(id);
        if (entry?.kind === "deleted_customer") return ok(entry.json);
        return ok(JSON.stringify(get(id)));
      },
    },
    {
      method: "POST",
      path: "/v1/customers/:id",
      handler: (request) => {
        const customer = get(request.pathParams.id ?? "");
        const params = validateFields(request.form, customerFields);
        customer.email = emptyToNull(str(params, "email"), customer.email);
        customer.name = emptyToNull(str(params, "name"), customer.name);
        customer.phone = emptyToNull(str(params, "phone"), customer.phone);
        customer.description = emptyToNull(str(params, "description"), customer.description);
        customer.metadata = mergeMetadata(
          customer.metadata,
          stringMap(params, "metadata"),
          request.form.metadata === "",
        );
        const address = obj(params, "address");
        if (address) customer.address = addressOf(address);
        const invoiceSettings = obj(params, "invoice_settings");
        const defaultPm = str(invoiceSettings, "default_payment_method");
        if (defaultPm !== undefined) {
          customer.invoice_settings.default_payment_method =
            defaultPm === ""
              ? null
              : services.paymentMethods.require(
                  defaultPm,
                  request,
                  "invoice_settings[default_payment_method]",
                ).id;
        }
        const json = saveCustomer(services, customer);
        services.events.publish("customer.updated", customer, request);
        return ok(json);
      },
    },
    {
      method: "DELETE",
      path: "/v1/customers/:id",
      handler: (request) => {
        const customer = get(request.pathParams.id ?? "");
        services.store.remove(customer.id);
        services.risk.forgetCustomer(customer.id);
        const deleted = { id: customer.id, object: "customer", deleted: true };
        services.store.put("deleted_customer", customer.id, deleted);
        services.events.publish("customer.deleted", customer, request);
        return ok(JSON.stringify(deleted));
      },
    },
    {
      method: "GET",
      path: "/v1/customers",
      handler: (request) => {
        const params = validateFields(request.form, {
          ...listFields,
          email: { type: "string", maxLength: 512 },
          created: { type: "any" },
        });
        const email = str(params, "email");
        return ok(
          listJson(
            "/v1/customers",
            services.store.newestFirst(KIND),
            params,
            email === undefined
              ? undefined
              : (entry) => (JSON.parse(entry.json) as Customer).email === email,
          ),
        );
      },
    },
  ];
}
