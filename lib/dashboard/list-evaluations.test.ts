import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { evaluationBreakdown, scoresOverTime } from "@/lib/dashboard/evaluation-charts";
import { type EvaluationFilter, parseDashboardQuery } from "@/lib/dashboard/filters";
import { findEvaluation } from "@/lib/dashboard/find-evaluation";
import { type EvaluationRow, listEvaluations } from "@/lib/dashboard/list-evaluations";
import { DEFAULT_POLICY } from "@/lib/radar/policy";
import { seedEvaluations } from "@/lib/testing/seed-evaluations";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { registerTestAccount } from "@/lib/testing/test-services";

const emulator = setUpTestEmulator();
const SEEDED = 400;

describe.each(testDatabaseKinds())("the dashboard's evaluations on $label", (kind) => {
  const app = setUpTestServices(kind, emulator);
  let blockedSignUp: { email: string; evaluationId: string };

  beforeAll(async () => {
    // Multi-accounting: the third sign-up from one device is blocked and gets no account.
    const deviceId = randomUUID();
    await registerTestAccount(app.services, emulator, deviceId);
    await registerTestAccount(app.services, emulator, deviceId);
    const third = await registerTestAccount(app.services, emulator, deviceId);
    if (third.kind !== "blocked") throw new Error(`third sign-up was ${third.kind}`);
    const record = await app.prisma.customerEvaluation.findUniqueOrThrow({
      where: { id: third.evaluationRecordId },
    });
    blockedSignUp = { email: record.email, evaluationId: record.id };
    await seedEvaluations(app.prisma, {
      count: SEEDED,
      newest: new Date(Date.now() - 60_000),
      users: 20,
    });
  });

  async function everyPage(filter: EvaluationFilter, pageSize: number) {
    const rows: EvaluationRow[] = [];
    let page = await listEvaluations(app.prisma, filter, null, pageSize);
    rows.push(...page.rows);
    while (page.nextCursor) {
      expect(page.rows).toHaveLength(pageSize);
      page = await listEvaluations(app.prisma, filter, page.nextCursor, pageSize);
      rows.push(...page.rows);
    }
    return rows;
  }

  const total = async () =>
    (await app.prisma.customerEvaluation.count()) + (await app.prisma.paymentAttempt.count());

  it("shows the blocked sign-up first, with its score and risk level and no user", async () => {
    const { rows } = await listEvaluations(app.prisma, {}, null);
    expect(rows[0]).toMatchObject({
      id: blockedSignUp.evaluationId,
      kind: "customer",
      eventType: "registration",
      signal: "multi_accounting",
      riskLevel: "highest",
      decision: "block",
      email: blockedSignUp.email,
      userId: null,
    });
    expect(rows[0]?.score).toBeGreaterThanOrEqual(75);
    const saved = await app.prisma.customerEvaluation.findUniqueOrThrow({
      where: { id: blockedSignUp.evaluationId },
    });
    expect(rows[0]?.createdAt).toEqual(saved.createdAt);
    // The outcome reported to Radar: a refused sign-up or log-in is not only "block" or "allow".
    expect(saved.outcome).toBeTruthy();
    expect(rows[0]?.outcome).toBe(saved.outcome);
    expect(rows[0]?.stripeId).toMatch(/^cuseval_/);
  });

  it("pages through every evaluation newest first, with no row twice and none missed", async () => {
    const rows = await everyPage({}, 37);
    expect(rows).toHaveLength(await total());
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    for (let index = 1; index < rows.length; index += 1) {
      const [newer, older] = [rows[index - 1], rows[index]];
      expect(newer && older && newer.createdAt >= older.createdAt).toBe(true);
    }
    // The seed puts rows of both kinds on the same millisecond: ties are split by ID.
    expect(rows.filter((row) => row.kind === "payment")).toHaveLength(SEEDED / 4);
  });

  it("pages through a filtered list the same way", async () => {
    const rows = await everyPage({ risk: "highest" }, 11);
    const expected =
      (await app.prisma.customerEvaluation.count({ where: { riskLevel: "highest" } })) +
      (await app.prisma.paymentAttempt.count({ where: { riskLevel: "highest" } }));
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((row) => row.id)).size).toBe(expected);
    expect(rows.every((row) => row.riskLevel === "highest")).toBe(true);
  });

  it.each<[EvaluationFilter, (row: EvaluationRow) => boolean]>([
    [{ event: "payment" }, (row) => row.kind === "payment" && row.order !== null],
    [{ event: "login" }, (row) => row.eventType === "login" && row.signal === "account_sharing"],
    [{ signal: "multi_accounting" }, (row) => row.eventType === "registration"],
    [{ decision: "review" }, (row) => row.decision === "review" && row.kind === "customer"],
    [
      { decision: "block", event: "payment" },
      (row) => row.decision === "block" && row.kind === "payment",
    ],
    [{ risk: "elevated" }, (row) => row.riskLevel === "elevated"],
    [{ who: "seed.3@example.com" }, (row) => row.email === "seed.3@example.com"],
    [{ who: "seed_user_3" }, (row) => row.userId === "seed_user_3"],
  ])("narrows to %o", async (filter, matches) => {
    const { rows } = await listEvaluations(app.prisma, filter, null, 500);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every(matches)).toBe(true);
    expect(rows.length).toBeLessThan(await total());
  });

  it("finds a user's log-ins and payments together, by email or by user ID", async () => {
    const byEmail = await listEvaluations(app.prisma, { who: "seed.3@example.com" }, null, 500);
    const byId = await listEvaluations(app.prisma, { who: "seed_user_3" }, null, 500);
    expect(new Set(byEmail.rows.map((row) => row.kind))).toEqual(new Set(["customer", "payment"]));
    expect(byId.rows.map((row) => row.id)).toEqual(byEmail.rows.map((row) => row.id));
  });

  it("finds the blocked sign-up by the email that was typed", async () => {
    const query = parseDashboardQuery({ who: ` ${blockedSignUp.email.toUpperCase()} ` });
    const { rows } = await listEvaluations(app.prisma, query.filter, null);
    expect(rows.map((row) => row.id)).toEqual([blockedSignUp.evaluationId]);
  });

  it("lists nothing for a filter nothing matches, and no next page", async () => {
    expect(
      await listEvaluations(app.prisma, { event: "payment", decision: "review" }, null),
    ).toEqual({ rows: [], nextCursor: null });
  });

  it("opens an evaluation with the rule that decided it, its user and its order", async () => {
    const blocked = await findEvaluation(app.prisma, blockedSignUp.evaluationId, DEFAULT_POLICY);
    expect(blocked).toMatchObject({
      kind: "customer",
      rule: "score >= 75: block",
      evaluation: { user: null, outcome: "blocked" },
    });
    const payment = await findEvaluation(app.prisma, "seed_pa_1", DEFAULT_POLICY);
    expect(payment).toMatchObject({
      kind: "payment",
      rule: "recommended_action continue: allow",
      attempt: { order: { id: "seed_order_2", user: { email: "seed.2@example.com" } } },
    });
    expect(await findEvaluation(app.prisma, "no-such-id", DEFAULT_POLICY)).toBeNull();
  });

  it("charts every scored evaluation in time order, and counts them by level and decision", async () => {
    const points = await scoresOverTime(app.prisma);
    expect(points.length).toBeGreaterThan(0);
    expect(points.map((point) => point.at)).toEqual(
      [...points.map((point) => point.at)].sort((a, b) => a - b),
    );
    const { byRiskLevel, byDecision } = await evaluationBreakdown(app.prisma);
    const sum = (counts: { count: number }[]) => counts.reduce((all, { count }) => all + count, 0);
    expect(sum(byRiskLevel)).toBe(await total());
    expect(sum(byDecision)).toBe(await total());
    expect(byDecision.map(({ label }) => label).sort()).toEqual(["allow", "block", "review"]);
  });
});
