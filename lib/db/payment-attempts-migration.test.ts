import { describe, expect, it } from "vitest";
import { setUpDatabaseBefore } from "@/lib/testing/project-migrations";
import { testDatabaseKinds } from "@/lib/testing/test-databases";

const FIRST_WITH_ATTEMPTS = "20261129230000_payment_attempts_and_dashboard_indexes";

const insertOrder = (id: string, columns: string) =>
  `INSERT INTO "Order" ("id", "checkoutId", "userId", "status", "amount", "currency",
     "description", "billingDetails", "updatedAt"${columns ? `, ${columns.split("=")[0]}` : ""})
   VALUES ('${id}', 'checkout_${id}', 'u1', 'declined', 1200, 'usd', 'Radar tee', '{}', now()
     ${columns ? `, ${columns.split("=")[1]}` : ""})`;

describe.each(testDatabaseKinds())("orders from before payment attempts, on $label", (kind) => {
  const older = setUpDatabaseBefore(kind, FIRST_WITH_ATTEMPTS);

  it("keep their latest payment as their first attempt, and new orders are numbered after them", async () => {
    const { sql } = older;
    await sql.exec(`INSERT INTO "User" ("id", "email", "name", "passwordHash")
      VALUES ('u1', 'jenny@example.com', 'Jenny', 'x')`);
    await sql.exec(
      insertOrder(
        "blocked",
        `"paymentMethod", "recommendedAction", "riskScore", "riskLevel", "paymentEvaluationId"=` +
          `'pm_1', 'block', 91, 'highest', 'peval_1'`,
      ),
    );
    await sql.exec(
      insertOrder(
        "declined",
        `"paymentMethod", "evaluationUnavailableReason", "failureMessage"=` +
          `'pm_2', 'Stripe timed out', 'Your card was declined.'`,
      ),
    );
    await sql.exec(insertOrder("untried", ""));

    await older.migrateTheRest();

    expect(
      await sql.query(
        `SELECT "orderId", "paymentMethod", "decision"::text, "score", "riskLevel",
           "paymentEvaluationId", "unavailableReason", "failureMessage"
         FROM "PaymentAttempt" ORDER BY "orderId"`,
      ),
    ).toEqual([
      {
        orderId: "blocked",
        paymentMethod: "pm_1",
        decision: "block",
        score: 91,
        riskLevel: "highest",
        paymentEvaluationId: "peval_1",
        unavailableReason: null,
        failureMessage: null,
      },
      {
        orderId: "declined",
        paymentMethod: "pm_2",
        decision: "allow",
        score: null,
        riskLevel: null,
        paymentEvaluationId: null,
        unavailableReason: "Stripe timed out",
        failureMessage: "Your card was declined.",
      },
    ]);
    await sql.exec(insertOrder("new", ""));
    const numbers = await sql.query<{ id: string; number: number }>(
      `SELECT "id", "number" FROM "Order" ORDER BY "number"`,
    );
    expect(numbers.map(({ number }) => number)).toEqual([1001, 1002, 1003, 1004]);
    expect(numbers.at(-1)?.id).toBe("new");
  });
});
