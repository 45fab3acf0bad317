import { describe, expect, it } from "vitest";
import { setUpDatabaseBefore } from "@/lib/testing/project-migrations";
import { testDatabaseKinds } from "@/lib/testing/test-databases";

const FIRST_WITH_GENERATIONS = "20261207011721_account_abuse_generations";

/** Rows as the app saved them when outcomes were the seeds' report types. */
const EARLIER = [
  ["signed-up", "cuseval_1", "allow", "registration_success", null],
  ["reviewed", "cuseval_2", "review", "login_success", null],
  ["blocked", "cuseval_3", "block", "registration_failed", "suspected_multi_accounting"],
  ["wrong-password", "cuseval_4", "allow", "login_failed", "other"],
  ["unavailable", null, "allow", "registration_success", null],
  ["undecided", "cuseval_6", "allow", null, null],
] as const;

describe.each(testDatabaseKinds())(
  "evaluations from before the two generations, on $label",
  (kind) => {
    const older = setUpDatabaseBefore(kind, FIRST_WITH_GENERATIONS);

    it("keep their outcome in the app's words, as v1 evaluations made with the seeds' version", async () => {
      const { sql } = older;
      for (const [id, stripeId, decision, outcome, reason] of EARLIER) {
        const text = (value: string | null) => (value === null ? "NULL" : `'${value}'`);
        await sql.exec(`INSERT INTO "CustomerEvaluation"
        ("id", "stripeId", "eventType", "email", "decision", "outcome", "outcomeReason")
        VALUES ('${id}', ${text(stripeId)}, 'registration', 'jenny@example.com', '${decision}',
          ${text(outcome)}, ${text(reason)})`);
      }

      await older.migrateTheRest();

      expect(
        await sql.query(
          `SELECT "id", "outcome"::text, "radarApi"::text, "apiVersion"
         FROM "CustomerEvaluation" ORDER BY "id"`,
        ),
      ).toEqual([
        { id: "blocked", outcome: "blocked", radarApi: "v1", apiVersion: "2026-03-04.preview" },
        { id: "reviewed", outcome: "restricted", radarApi: "v1", apiVersion: "2026-03-04.preview" },
        { id: "signed-up", outcome: "allowed", radarApi: "v1", apiVersion: "2026-03-04.preview" },
        { id: "unavailable", outcome: "allowed", radarApi: "v1", apiVersion: null },
        { id: "undecided", outcome: null, radarApi: "v1", apiVersion: "2026-03-04.preview" },
        {
          id: "wrong-password",
          outcome: "refused",
          radarApi: "v1",
          apiVersion: "2026-03-04.preview",
        },
      ]);
    }, 60_000);
  },
);
