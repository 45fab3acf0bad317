import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JsonView } from "@/components/json-view";
import { formatMoney } from "@/components/money";
import { OrderStatusBadge } from "@/components/order-status-badge";
import { RiskLevelBadge } from "@/components/risk-badges";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Order" };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const order = await db().order.findFirst({
    where: { id, userId: user.id },
    include: { items: true },
  });
  if (!order) notFound();

  return (
    <div className="space-y-8">
      <section className="space-y-2">
        <div className="flex items-center gap-3">
          <h1 className="text-2xl font-semibold">Order {order.id}</h1>
          <OrderStatusBadge status={order.status} />
        </div>
        <p className="text-sm text-slate-600">{order.description}</p>
        <p className="text-xl font-semibold tabular-nums" data-testid="order-amount">
          {formatMoney(order.amount, order.currency)}
        </p>
        {order.failureMessage ? (
          <p className="text-sm text-red-700" data-testid="order-failure">
            {order.failureMessage}
          </p>
        ) : null}
      </section>

      <section className="grid gap-6 md:grid-cols-2">
        <div className="space-y-2 rounded-xl border border-slate-200 bg-white p-5">
          <h2 className="font-semibold">Payment Evaluation</h2>
          {order.paymentEvaluationId ? (
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-500">ID</dt>
              <dd className="font-mono" data-testid="payment-evaluation-id">
                {order.paymentEvaluationId}
              </dd>
              <dt className="text-slate-500">Recommended action</dt>
              <dd data-testid="recommended-action">{order.recommendedAction}</dd>
              <dt className="text-slate-500">fraudulent_payment</dt>
              <dd className="flex items-center gap-2">
                <span className="tabular-nums">{order.riskScore?.toFixed(1) ?? "–"}</span>
                <RiskLevelBadge level={order.riskLevel} />
              </dd>
            </dl>
          ) : (
            <p className="text-sm text-amber-700" data-testid="payment-evaluation-id">
              {order.evaluationUnavailableReason
                ? `Unavailable (${order.evaluationUnavailableReason}): the payment went ahead.`
                : "Not evaluated yet."}
            </p>
          )}
          <JsonView value={order.evaluationRaw} />
        </div>
        <div className="space-y-2 rounded-xl border border-slate-200 bg-white p-5">
          <h2 className="font-semibold">PaymentIntent</h2>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">ID</dt>
            <dd className="font-mono" data-testid="payment-intent-id">
              {order.paymentIntentId ?? "none: no charge was attempted"}
            </dd>
            <dt className="text-slate-500">Status</dt>
            <dd>{order.paymentIntentStatus ?? "–"}</dd>
            <dt className="text-slate-500">Customer</dt>
            <dd className="font-mono">{user.stripeCustomerId}</dd>
            <dt className="text-slate-500">Webhook</dt>
            <dd data-testid="webhook-status">
              {order.webhookConfirmedAt
                ? `Confirmed by payment_intent.succeeded at ${order.webhookConfirmedAt.toISOString()}`
                : "No confirmation received yet"}
            </dd>
          </dl>
        </div>
      </section>

      <section className="space-y-2">
        <h2 className="font-semibold">Items</h2>
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm">
          {order.items.map((item) => (
            <li key={item.id} className="flex justify-between px-4 py-2">
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
