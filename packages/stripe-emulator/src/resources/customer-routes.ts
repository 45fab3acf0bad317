import { pathObjectMissing } from "../http/errors.ts";
import { addressFields, type Fields, obj, str, stringMap, validateParams } from "../http/params.ts";
import { ok, type Route } from "../http/route.ts";
import type { Services } from "../services.ts";
import {
  addressOf,
  type Customer,
  createCustomer,
  emptyToNull,
  findCustomer,
  KIND,
  mergeMetadata,
  saveCustomer,
  shippingOf,
} from "./customers.ts";
import { listFields, listJson } from "./list.ts";

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
        const params = validateParams(request, customerFields);
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
        validateParams(request, { expand: { type: "any" } });
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
        const params = validateParams(request, customerFields);
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
        if (request.form.shipping !== undefined) {
          customer.shipping =
            request.form.shipping === "" ? null : shippingOf(obj(params, "shipping"));
        }
        const taxExempt = str(params, "tax_exempt");
        if (taxExempt !== undefined) customer.tax_exempt = taxExempt || "none";
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
        const params = validateParams(request, {
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
