import type { Metadata } from "next";
import Link from "next/link";
import { signOutEverywhereAction } from "@/app/account/actions";
import { CustomerEvaluationTable } from "@/components/customer-evaluation-table";
import { OrderStatusBadge } from "@/components/order-status-badge";
import { WhyDisclosure } from "@/components/why-this-score";
import { requireUser } from "@/lib/auth/current-user";
import { formatMoney } from "@/lib/checkout/format-money";
import { orderTitle } from "@/lib/checkout/order-title";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { customerEvaluationWhy } from "@/lib/radar/score-explanation";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser();
  const [evaluations, orders] = await Promise.all([
    db().customerEvaluation.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
    }),
    db().order.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
      include: { attempts: { orderBy: { createdAt: "desc" }, take: 1 } },
    }),
  ]);
  const registration = evaluations.filter((evaluation) => evaluation.eventType === "registration");
  const logins = evaluations.filter((evaluation) => evaluation.eventType === "login");
  // The newest evaluation the policy sent to review is the one that flagged the account.
  const flagging = evaluations.find((evaluation) => evaluation.decision === "review");

  return (
    <div className="space-y-8">
      <section className="space-y-2">
        <h1 className="text-2xl font-semibold">{user.name}</h1>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-500">Email</dt>
          <dd>{user.email}</dd>
          <dt className="text-slate-500">Stripe customer</dt>
          <dd className="font-mono" data-testid="stripe-customer-id">
            {user.stripeCustomerId ?? "not created yet (Stripe was unreachable)"}
          </dd>
          <dt className="text-slate-500">Review</dt>
          <dd data-testid="review-status" className="space-y-2">
            {user.needsReview ? (
              <span className="font-medium text-amber-700">
                Flagged for review
                {flagging ? `: ${flagging.signal} ${flagging.riskLevel ?? "not scored"}` : ""}
              </span>
            ) : (
              "Not flagged"
            )}
            {user.needsReview && flagging && config.demoMode ? (
              <WhyDisclosure why={customerEvaluationWhy(flagging, config.stripe.mode)} />
            ) : null}
          </dd>
        </dl>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="text-sm text-slate-600 hover:text-brand-700">
            Sign out everywhere
          </button>
          <span className="ml-2 text-xs text-slate-500">
            Ends your sessions on every browser and device, this one included.
          </span>
        </form>
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Registration evaluation</h2>
        <CustomerEvaluationTable evaluations={registration} />
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Log-in evaluations</h2>
        {logins.length ? (
          <CustomerEvaluationTable evaluations={logins} />
        ) : (
          <p className="text-sm text-slate-500">
            No log-ins yet: you signed in when you registered.
          </p>
        )}
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Orders</h2>
        {orders.length ? (
          <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm">
            {orders.map(({ attempts: [latest], ...order }) => (
              <li key={order.id} className="flex items-center gap-4 px-4 py-2" data-testid="order">
                <Link href={`/orders/${order.id}`} className="text-brand-700">
                  {orderTitle(order)}
                </Link>
                <span className="flex-1 truncate text-slate-600">{order.description}</span>
                <span className="text-xs text-slate-500">
                  Radar: {latest?.recommendedAction ?? "unavailable"}
                  {latest?.riskLevel ? ` (${latest.riskLevel})` : ""}
                </span>
                <span className="tabular-nums">{formatMoney(order.amount, order.currency)}</span>
                <OrderStatusBadge status={order.status} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">
            No orders yet.{" "}
            <Link href="/checkout" className="text-brand-700">
              Go to checkout
            </Link>
          </p>
        )}
      </section>
    </div>
  );
}
