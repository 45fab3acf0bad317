"use client";

import type { StripeCardElement } from "@stripe/stripe-js";
import { type FormEvent, useActionState, useEffect, useRef, useState, useTransition } from "react";
import { type CheckoutState, completeOrderAction, placeOrderAction } from "@/app/checkout/actions";
import { FormField, FormMessage, useOutcomeFocus } from "@/components/form";
import { RadarSessionField } from "@/components/radar-session-field";
import { formatMoney } from "@/lib/checkout/format-money";
import { MAX_QUANTITY, quantityField } from "@/lib/checkout/quantity-fields";
import type { FieldErrors } from "@/lib/forms/parse-form";
import { FORM_TOO_LARGE_MESSAGE, formTooLarge } from "@/lib/http/form-size";
import { type BrowserStripeConfig, loadStripeJs } from "@/lib/stripe/load-stripe-js";

type Product = {
  id: string;
  name: string;
  description: string;
  unitAmount: number;
  currency: string;
};

type Props = {
  stripe: BrowserStripeConfig;
  checkoutId: string;
  products: Product[];
  buyer: { name: string; email: string };
};

const ADDRESS_FIELDS = [
  ["line1", "Address"],
  ["line2", "Apartment, suite (optional)"],
  ["city", "City"],
  ["state", "State (optional)"],
  ["postal_code", "Postal code"],
  ["country", "Country"],
] as const;

/** The billing details Stripe.js attaches to the PaymentMethod, read from the form. */
function billingDetails(formData: FormData) {
  const text = (name: string) => String(formData.get(name) ?? "").trim() || undefined;
  const address = Object.fromEntries(
    ADDRESS_FIELDS.map(([key]) => [key, text(`billing[address][${key}]`)]),
  );
  return {
    name: text("billing[name]"),
    email: text("billing[email]"),
    phone: text("billing[phone]"),
    address,
  };
}

/** Stripe's address fields, named `<party>[address][line1]`, `<party>[address][city]`, ... */
function AddressFields({
  party,
  values,
  errors,
}: {
  party: "billing" | "shipping";
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  return ADDRESS_FIELDS.map(([key, label]) => {
    const name = `${party}[address][${key}]`;
    const country = key === "country";
    return (
      <FormField
        key={name}
        name={name}
        label={label}
        defaultValue={values[name] ?? (country ? "US" : undefined)}
        maxLength={country ? 2 : undefined}
        error={errors[name]}
      />
    );
  });
}

export function CheckoutForm({ stripe: stripeConfig, checkoutId, products, buyer }: Props) {
  const [state, formAction] = useActionState(placeOrderAction, {} as CheckoutState);
  const [submitting, startTransition] = useTransition();
  const [preparing, setPreparing] = useState(false);
  const [cardError, setCardError] = useState<string>();
  const [tooLarge, setTooLarge] = useState(false);
  const [quantities, setQuantities] = useState<Record<string, number>>(() =>
    Object.fromEntries(products.map((product, index) => [product.id, index === 0 ? 1 : 0])),
  );
  const [ship, setShip] = useState(false);
  const cardContainer = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const [cardAnswer, setCardAnswer] = useState<object>();
  useOutcomeFocus(form, state, tooLarge, cardAnswer);
  const card = useRef<StripeCardElement | null>(null);

  useEffect(() => {
    let mounted: StripeCardElement | undefined;
    let cancelled = false;
    loadStripeJs(stripeConfig).then((stripe) => {
      if (!stripe || cancelled || !cardContainer.current) return;
      // The billing address above has the postal code: the card field does not ask for it again.
      mounted = stripe.elements().create("card", { hidePostalCode: true });
      mounted.mount(cardContainer.current);
      mounted.on("change", (event) => setCardError(event.error?.message));
      card.current = mounted;
    });
    return () => {
      cancelled = true;
      mounted?.destroy();
      card.current = null;
    };
  }, [stripeConfig]);

  useEffect(() => {
    const action = state.requiresAction;
    if (!action) return;
    (async () => {
      const stripe = await loadStripeJs(stripeConfig);
      const result = await stripe?.handleNextAction({ clientSecret: action.clientSecret });
      if (result?.error) setCardError(result.error.message);
      await completeOrderAction(action.orderId);
    })();
  }, [state.requiresAction, stripeConfig]);

  async function submitWithPaymentMethod(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    // Next.js answers an oversized Server Action with an error page: refuse it here instead.
    const refused = formTooLarge(formData);
    setTooLarge(refused);
    if (refused) return;
    setPreparing(true);
    try {
      const stripe = await loadStripeJs(stripeConfig);
      if (stripe && card.current) {
        const { paymentMethod, error } = await stripe.createPaymentMethod({
          type: "card",
          card: card.current,
          billing_details: billingDetails(formData),
        });
        if (error) {
          setCardError(error.message);
          setCardAnswer({});
          return;
        }
        formData.set("payment_method", paymentMethod.id);
      }
    } finally {
      setPreparing(false);
    }
    setCardError(undefined);
    startTransition(() => formAction(formData));
  }

  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const currency = products[0]?.currency ?? "usd";
  const total = products.reduce(
    (sum, product) => sum + product.unitAmount * (quantities[product.id] ?? 0),
    0,
  );
  const busy = preparing || submitting || Boolean(state.requiresAction);

  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={submitWithPaymentMethod}
      noValidate
      className="grid gap-6 lg:grid-cols-[1fr_22rem]"
    >
      <input type="hidden" name="checkout_id" value={checkoutId} />
      <div className="space-y-6">
        <FormMessage
          message={tooLarge ? FORM_TOO_LARGE_MESSAGE : state.message}
          why={tooLarge ? undefined : state.why}
        />
        <fieldset className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
          <legend className="px-1 text-sm font-semibold">Products</legend>
          {products.map((product) => (
            <div
              key={product.id}
              className="flex flex-wrap items-center gap-4"
              data-testid="product"
            >
              <div className="flex-1">
                <div className="font-medium">{product.name}</div>
                <div className="text-xs text-slate-500">{product.description}</div>
              </div>
              <div className="text-sm tabular-nums">
                {formatMoney(product.unitAmount, product.currency)}
              </div>
              <input
                aria-label={`Quantity of ${product.name}`}
                name={quantityField(product.id)}
                type="number"
                min={0}
                max={MAX_QUANTITY}
                value={quantities[product.id] ?? 0}
                onChange={(event) =>
                  setQuantities({ ...quantities, [product.id]: Number(event.target.value) })
                }
                className="w-16 rounded-md border border-slate-300 px-2 py-1 text-sm"
              />
              {errors[quantityField(product.id)] ? (
                <p className="basis-full text-sm text-red-700">
                  {errors[quantityField(product.id)]}
                </p>
              ) : null}
            </div>
          ))}
          {errors.quantity ? <p className="text-sm text-red-700">{errors.quantity}</p> : null}
        </fieldset>

        <fieldset className="grid gap-3 rounded-xl border border-slate-200 bg-white p-5 sm:grid-cols-2">
          <legend className="px-1 text-sm font-semibold">Billing details</legend>
          <FormField
            name="billing[name]"
            label="Name on card"
            defaultValue={values["billing[name]"] ?? buyer.name}
            error={errors["billing[name]"]}
          />
          <FormField
            name="billing[email]"
            label="Receipt email"
            type="email"
            defaultValue={values["billing[email]"] ?? buyer.email}
            error={errors["billing[email]"]}
          />
          <AddressFields party="billing" values={values} errors={errors} />
        </fieldset>

        <fieldset className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
          <legend className="px-1 text-sm font-semibold">Shipping</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="ship"
              checked={ship}
              onChange={(event) => setShip(event.target.checked)}
            />
            Ship to a different address
          </label>
          {ship ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <FormField
                name="shipping[name]"
                label="Recipient"
                defaultValue={values["shipping[name]"]}
                error={errors["shipping[name]"]}
              />
              <FormField
                name="shipping[phone]"
                label="Phone (optional)"
                defaultValue={values["shipping[phone]"]}
                error={errors["shipping[phone]"]}
              />
              <AddressFields party="shipping" values={values} errors={errors} />
            </div>
          ) : null}
        </fieldset>
      </div>

      <aside className="space-y-4 self-start rounded-xl border border-slate-200 bg-white p-5">
        <div className="flex items-baseline justify-between">
          <span className="text-sm text-slate-600">Total</span>
          <span className="text-xl font-semibold tabular-nums" data-testid="order-total">
            {formatMoney(total, currency)}
          </span>
        </div>
        <div className="space-y-1">
          <span className="block text-sm font-medium text-slate-700">Card</span>
          <div ref={cardContainer} data-testid="card-element" className="min-h-10" />
          <input type="hidden" name="payment_method" />
          {cardError || errors.payment_method ? (
            <p
              className="text-sm text-red-700"
              role="alert"
              tabIndex={-1}
              data-field-error
              data-testid="card-error"
            >
              {cardError ?? errors.payment_method}
            </p>
          ) : null}
        </div>
        <RadarSessionField stripe={stripeConfig} error={errors.radar_session} />
        <button
          type="submit"
          disabled={busy}
          className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
        >
          {busy ? "Processing…" : `Pay ${formatMoney(total, currency)}`}
        </button>
      </aside>
    </form>
  );
}
