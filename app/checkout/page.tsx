import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { CheckoutForm } from "@/app/checkout/checkout-form";
import { TestCardList } from "@/components/test-card-list";
import { requireUser } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { browserStripeConfig } from "@/lib/stripe/load-stripe-js";

export const metadata: Metadata = { title: "Checkout" };

/** `?order=<id>`: pay again for the person's own order that was declined, on the same order. */
async function checkoutIdFor(userId: string, orderId: string | string[] | undefined) {
  if (typeof orderId !== "string") return randomUUID();
  const order = await db().order.findFirst({
    where: { id: orderId, userId, status: { in: ["declined", "requires_action", "pending"] } },
    select: { checkoutId: true },
  });
  return order?.checkoutId ?? randomUUID();
}

export default async function CheckoutPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const [products, checkoutId] = await Promise.all([
    db().product.findMany({ orderBy: { unitAmount: "asc" } }),
    checkoutIdFor(user.id, (await searchParams).order),
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Checkout</h1>
        <p className="mt-1 text-sm text-slate-600">
          Radar scores this payment before it is authorized; it is charged on your Stripe customer{" "}
          <span className="font-mono">{user.stripeCustomerId ?? "(not created yet)"}</span>.
        </p>
      </div>
      {config.demoMode ? <TestCardList /> : null}
      <CheckoutForm
        stripe={browserStripeConfig(config.stripe)}
        checkoutId={checkoutId}
        products={products.map(({ id, name, description, unitAmount, currency }) => ({
          id,
          name,
          description,
          unitAmount,
          currency,
        }))}
        buyer={{ name: user.name, email: user.email }}
      />
    </div>
  );
}
