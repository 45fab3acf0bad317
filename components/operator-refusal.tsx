import Link from "next/link";
import type { OperatorAccess } from "@/lib/auth/operator-rule";

/** What a visitor who is not an operator sees instead of an operator page. */
export function OperatorRefusal({
  access,
}: {
  access: Extract<OperatorAccess, { kind: "refused" }>;
}) {
  return (
    <section className="max-w-xl space-y-3" data-testid="operator-refusal">
      <h1 className="text-2xl font-semibold">Operators only</h1>
      <p role="alert" className="text-slate-700">
        {access.message}
      </p>
      {access.reason === "sign_in" ? (
        <Link href="/login" className="text-brand-700 underline">
          Log in
        </Link>
      ) : null}
    </section>
  );
}
