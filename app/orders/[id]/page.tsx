import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LocalTime } from "@/components/local-time";
import { OrderStatusBadge } from "@/components/order-status-badge";
import { PaymentAttemptList } from "@/components/payment-attempt-list";
import { requireUser } from "@/lib/auth/current-user";
import { formatMoney } from "@/lib/checkout/format-money";
import { orderTitle } from "@/lib/checkout/order-title";
import { UNEVALUATED_PAYMENT_MESSAGE } from "@/lib/checkout/settle-payment-intent";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { Order, PaymentAttempt } from "@/lib/generated/prisma/client";

type Props = { params: Promise<{ id: string }> };

async function findOrder(id: string) {
  const user = await requireUser();
  const order = await db().order.findFirst({
    where: { id, userId: user.id },
    include: { items: true, attempts: { orderBy: { createdAt: "asc" } } },
  });
  if (!order) notFound();
  return { user, order };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { order } = await findOrder((await params).id);
  return { title: orderTitle(order) };
}

/** Where the order stands, in words: what happened last and what the person can do now. */
function OrderState({ order, latest }: { order: Order; latest: PaymentAttempt | undefined }) {
  if (order.unevaluatedPaymentMethod) {
    return (
      <div className="space-y-2">
        <p className="text-sm text-red-700" data-testid="order-failure">
          {UNEVALUATED_PAYMENT_MESSAGE}
        </p>
        <Link href="/checkout" className="text-sm text-brand-600" data-testid="new-checkout">
          Start a new checkout
        </Link>
      </div>
    );
  }
  switch (order.status) {
    case "blocked":
      return (
        <p className="text-sm text-red-700" data-testid="order-failure">
          Radar recommended blocking this payment. No PaymentIntent was created and you were not
          charged.
        </p>
      );
    case "declined":
      return (
        <div className="space-y-2">
          <p className="text-sm text-red-700" data-testid="order-failure">
            {latest?.threeDSecureResult === "failed"
              ? "3D Secure authentication failed, so the card was not charged."
              : (latest?.failureMessage ?? "The payment did not go through.")}
          </p>
          <Link
            href={`/checkout?order=${order.id}`}
            className="inline-flex rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
            data-testid="pay-again"
          >
            Pay again with another card
          </Link>
        </div>
      );
    case "paid":
      return (
        <p className="text-sm text-slate-600" data-testid="webhook-status">
          {order.webhookConfirmedAt ? (
            <>
              Confirmed by payment_intent.succeeded at <LocalTime date={order.webhookConfirmedAt} />
            </>
          ) : (
            "Paid. Stripe's payment_intent.succeeded webhook has not arrived yet."
          )}
        </p>
      );
    case "requires_action":
      return (
        <p className="text-sm text-amber-700" data-testid="order-failure">
          Waiting for 3D Secure authentication.
        </p>
      );
    default:
      return (
        <p className="text-sm text-slate-600" data-testid="webhook-status">
          Waiting for the bank: Stripe's webhook will confirm the payment.
        </p>
      );
  }
}

/** The card whose payment the PaymentIntent took, as Stripe reported it. */
function paidWith(order: Order & { attempts: PaymentAttempt[] }): string {
  if (order.unevaluatedCard) {
    return `${order.unevaluatedCard} (${order.unevaluatedPaymentMethod}), refunded`;
  }
  const paying = order.attempts.findLast(
    (attempt) =>
      attempt.paymentIntentStatus === "succeeded" || attempt.paymentIntentStatus === "processing",
  );
  return paying ? `${paying.cardBrand ?? "card"} ${paying.cardLast4 ?? ""}`.trim() : "–";
}

export default async function OrderPage({ params }: Props) {
  const { user, order } = await findOrder((await params).id);

  return (
    <div className="space-y-8">
      <section className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold" data-testid="order-title">
            {orderTitle(order)}
          </h1>
          <OrderStatusBadge status={order.status} />
        </div>
        <p className="text-sm text-slate-600">
          {order.description} · placed <LocalTime date={order.createdAt} />
        </p>
        <p className="text-xl font-semibold tabular-nums" data-testid="order-amount">
          {formatMoney(order.amount, order.currency)}
        </p>
        <OrderState order={order} latest={order.attempts.at(-1)} />
      </section>

      <section className="space-y-2">
        <h2 className="font-semibold">Payment attempts</h2>
        <PaymentAttemptList
          attempts={order.attempts}
          presenter={
            config.demoMode
              ? { mode: config.stripe.mode, customerId: user.stripeCustomerId }
              : undefined
          }
        />
      </section>

      <section className="space-y-2">
        <h2 className="font-semibold">Stripe</h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-xl border border-slate-200 bg-white p-4 text-sm">
          <dt className="text-slate-500">PaymentIntent</dt>
          <dd className="min-w-0 break-all font-mono" data-testid="payment-intent-id">
            {order.paymentIntentId ?? "none: no charge was attempted"}
          </dd>
          <dt className="text-slate-500">Status</dt>
          <dd>{order.paymentIntentStatus ?? "–"}</dd>
          <dt className="text-slate-500">Paid with</dt>
          <dd data-testid="paid-with">{paidWith(order)}</dd>
          <dt className="text-slate-500">Customer</dt>
          <dd className="min-w-0 break-all font-mono">{user.stripeCustomerId}</dd>
          <dt className="text-slate-500">Requests</dt>
          <dd>
            <Link href={`/dashboard/requests?order=${order.id}`} className="text-brand-700">
              Stripe calls for this order
            </Link>
          </dd>
        </dl>
      </section>

      <section className="space-y-2">
        <h2 className="font-semibold">Items</h2>
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm">
          {order.items.map((item) => (
            <li key={item.id} className="flex justify-between gap-4 px-4 py-2">
              <span>
                {item.quantity} × {item.name}
              </span>
              <span className="tabular-nums">
                {formatMoney(item.unitAmount * item.quantity, order.currency)}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
