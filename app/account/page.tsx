import type { Metadata } from "next";
import { CustomerEvaluationTable } from "@/components/customer-evaluation-table";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser();
  const evaluations = await db().customerEvaluation.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: "desc" },
  });
  const registration = evaluations.filter((evaluation) => evaluation.eventType === "registration");
  const logins = evaluations.filter((evaluation) => evaluation.eventType === "login");

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
          <dd data-testid="review-status">
            {user.needsReview ? (
              <span className="font-medium text-amber-700">
                Flagged for review: a Radar signal was elevated
              </span>
            ) : (
              "Not flagged"
            )}
          </dd>
        </dl>
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
    </div>
  );
}
