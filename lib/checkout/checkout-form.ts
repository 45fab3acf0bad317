import { z } from "zod";
import { MAX_QUANTITY, QUANTITY_PREFIX } from "@/lib/checkout/quantity-fields";
import type { FieldErrors } from "@/lib/forms/parse-form";
import { textFields } from "@/lib/forms/text-fields";
import type { Address } from "@/lib/radar/payment-evaluation";

export { MAX_QUANTITY, QUANTITY_PREFIX };

const required = (message: string, max = 200) =>
  z.string({ error: message }).trim().min(1, message).max(max, `At most ${max} characters.`);
const optional = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((value) => value || undefined);
const country = z
  .string({ error: "Choose a country." })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "Use a two-letter country code, like US.");

const address = (prefix: string) => ({
  [`${prefix}line1`]: required("Enter the street address."),
  [`${prefix}line2`]: optional(),
  [`${prefix}city`]: required("Enter the city."),
  [`${prefix}state`]: optional(),
  [`${prefix}postal_code`]: required("Enter the postal code.", 20),
  [`${prefix}country`]: country,
});

const checkoutFields = z.object({
  checkout_id: z.uuid("This checkout form is out of date. Reload the page."),
  payment_method: z
    .string({ error: "Enter your card details." })
    .trim()
    .regex(/^pm_[A-Za-z0-9_]+$/, "Enter your card details."),
  radar_session: z
    .string()
    .trim()
    .regex(/^(rse_[A-Za-z0-9]+)?$/, "The device check sent by your browser is not valid.")
    .optional()
    .transform((value) => value || undefined),
  billing_name: required("Enter the name on the card."),
  billing_email: z
    .string({ error: "Enter an email for the receipt." })
    .trim()
    .max(254, "An email address has at most 254 characters.")
    .pipe(z.email("Enter a valid email address.")),
  billing_phone: optional(30),
  ...address("billing_"),
  ship: z.literal("on").optional(),
});

const shippingFields = z.object({
  shipping_name: required("Enter who the parcel is for."),
  shipping_phone: optional(30),
  ...address("shipping_"),
});

export type CheckoutForm = {
  checkoutId: string;
  paymentMethod: string;
  radarSession: string | undefined;
  items: { productId: string; quantity: number }[];
  billing: { name: string; email: string; phone?: string | undefined; address: Address };
  shipping: { name: string; phone?: string | undefined; address: Address } | undefined;
};

export type ParsedCheckout =
  | { ok: true; form: CheckoutForm }
  | { ok: false; fieldErrors: FieldErrors };

function addressFrom(values: Record<string, string | undefined>, prefix: string): Address {
  const pick = (key: string) => values[`${prefix}${key}`];
  return {
    line1: pick("line1") ?? "",
    line2: pick("line2"),
    city: pick("city") ?? "",
    state: pick("state"),
    postal_code: pick("postal_code") ?? "",
    country: pick("country") ?? "",
  };
}

function collect(issues: z.core.$ZodIssue[], into: FieldErrors): void {
  for (const issue of issues) into[String(issue.path[0] ?? "form")] ??= issue.message;
}

/**
 * Validates a checkout form. Quantities must be whole numbers from 0 to 10 with at least one
 * item; whether each product exists is for the catalogue to say. No amount is read: the server
 * prices the order.
 */
export function parseCheckoutForm(formData: FormData): ParsedCheckout {
  const text = textFields(formData);
  if (!text.ok) return text;
  const { values } = text;

  const fieldErrors: FieldErrors = {};
  const items: CheckoutForm["items"] = [];
  for (const [key, raw] of Object.entries(values)) {
    if (!key.startsWith(QUANTITY_PREFIX)) continue;
    const productId = key.slice(QUANTITY_PREFIX.length);
    const quantity = raw.trim() === "" ? 0 : Number(raw);
    if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_QUANTITY) {
      fieldErrors[key] = `Choose a whole number from 0 to ${MAX_QUANTITY}.`;
    } else if (quantity > 0) {
      items.push({ productId, quantity });
    }
  }
  if (items.length === 0 && Object.keys(fieldErrors).length === 0) {
    fieldErrors.items = "Choose at least one product.";
  }

  const fields = checkoutFields.safeParse(values);
  if (!fields.success) collect(fields.error.issues, fieldErrors);
  const shipping = values.ship === "on" ? shippingFields.safeParse(values) : undefined;
  if (shipping && !shipping.success) collect(shipping.error.issues, fieldErrors);
  if (!fields.success || (shipping && !shipping.success) || Object.keys(fieldErrors).length) {
    return { ok: false, fieldErrors };
  }

  const parsed = fields.data as Record<string, string | undefined>;
  const shippingValues = shipping?.data as Record<string, string | undefined> | undefined;
  return {
    ok: true,
    form: {
      checkoutId: fields.data.checkout_id,
      paymentMethod: fields.data.payment_method,
      radarSession: fields.data.radar_session,
      items,
      billing: {
        name: fields.data.billing_name,
        email: fields.data.billing_email.toLowerCase(),
        phone: fields.data.billing_phone,
        address: addressFrom(parsed, "billing_"),
      },
      shipping: shippingValues
        ? {
            name: shippingValues.shipping_name ?? "",
            phone: shippingValues.shipping_phone,
            address: addressFrom(shippingValues, "shipping_"),
          }
        : undefined,
    },
  };
}
