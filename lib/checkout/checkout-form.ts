import { z } from "zod";
import { MAX_QUANTITY } from "@/lib/checkout/quantity-fields";
import { type ParsedForm, parseForm } from "@/lib/forms/parse-form";
import type { Address } from "@/lib/radar/payment-evaluation";

const required = (message: string, max = 200) =>
  z.string({ error: message }).trim().min(1, message).max(max, `At most ${max} characters.`);
const optional = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((value) => value || undefined);

/** A hash of fields; one the form left out is empty, so each of its fields says what is missing. */
const fields = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.preprocess((value) => value ?? {}, z.object(shape));

/** Stripe's address hash. */
const address = fields({
  line1: required("Enter the street address."),
  line2: optional(),
  city: required("Enter the city."),
  state: optional(),
  postal_code: required("Enter the postal code.", 20),
  country: z
    .string({ error: "Choose a country." })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Use a two-letter country code, like US."),
});

const QUANTITY_MESSAGE = `Choose a whole number from 0 to ${MAX_QUANTITY}.`;
const quantity = z
  .string()
  .trim()
  .transform((value) => (value === "" ? 0 : Number(value)))
  .pipe(
    z.number().int(QUANTITY_MESSAGE).min(0, QUANTITY_MESSAGE).max(MAX_QUANTITY, QUANTITY_MESSAGE),
  );

/**
 * The checkout form, field names included: `quantity[<product id>]`, `billing[name]`,
 * `billing[address][line1]`, ... `shipping[...]` counts only when `ship` is on. No amount is
 * read: the server prices the order, and whether each product exists is for the catalogue to say.
 */
const checkoutSchema = z
  .preprocess(
    (input) => {
      if (typeof input !== "object" || input === null) return input;
      const form = input as Record<string, unknown>;
      return { ...form, shipping: form.ship === "on" ? (form.shipping ?? {}) : undefined };
    },
    z.object({
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
      quantity: z
        .record(z.string(), quantity, { error: "Choose at least one product." })
        .refine((chosen) => Object.values(chosen).some((count) => count > 0), {
          error: "Choose at least one product.",
        }),
      billing: fields({
        name: required("Enter the name on the card."),
        email: z
          .string({ error: "Enter an email for the receipt." })
          .trim()
          .max(254, "An email address has at most 254 characters.")
          .pipe(z.email("Enter a valid email address."))
          .transform((email) => email.toLowerCase()),
        phone: optional(30),
        address,
      }),
      shipping: z
        .object({ name: required("Enter who the parcel is for."), phone: optional(30), address })
        .optional(),
    }),
  )
  .transform((fields) => ({
    checkoutId: fields.checkout_id,
    paymentMethod: fields.payment_method,
    radarSession: fields.radar_session,
    items: Object.entries(fields.quantity)
      .filter(([, count]) => count > 0)
      .map(([productId, count]) => ({ productId, quantity: count })),
    billing: fields.billing,
    shipping: fields.shipping,
  }));

type Party = { name: string; phone?: string | undefined; address: Address };

export type CheckoutForm = {
  checkoutId: string;
  paymentMethod: string;
  radarSession: string | undefined;
  items: { productId: string; quantity: number }[];
  billing: Party & { email: string };
  shipping: Party | undefined;
};

export function parseCheckoutForm(formData: FormData): ParsedForm<CheckoutForm> {
  return parseForm<CheckoutForm>(checkoutSchema, formData);
}
