import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordOutcome, retryDelayMs, sendPendingReports } from "@/lib/radar/outcome-reports";
import { runAtOnce } from "@/lib/services/services";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";

/** The services recordOutcome reads, with the work after the response run at once. */
const reportingNow = (prisma: PrismaClient, stripe: Stripe) => ({
  prisma,
  stripe,
  afterResponse: runAtOnce,
});

const emulator = setUpTestEmulator();
const SUCCESS = { type: "registration_success" } as const;
const HOUR_MS = 60 * 60_000;

describe("retryDelayMs", () => {
  it("starts at 10 s, doubles, stops at an hour and jitters down to half", () => {
    expect(retryDelayMs(1, 1)).toBe(10_000);
    expect(retryDelayMs(1, 0)).toBe(5_000);
    expect(retryDelayMs(4, 1)).toBe(80_000);
    expect(retryDelayMs(30, 1)).toBe(HOUR_MS);
    expect(retryDelayMs(30, 0)).toBe(HOUR_MS / 2);
  });
});

describe.each(testDatabaseKinds())("outcome reports on $label", (kind) => {
  const app = setUpTestServices(kind, emulator);

  /** A registration Customer Evaluation made by Stripe and saved by the app, outcome undecided. */
  async function savedEvaluation(stripeId?: string) {
    const email = `${randomUUID()}@example.com`;
    const customer = await app.stripe.customers.create({ email });
    const evaluation = (await app.stripe.rawRequest(
      "POST",
      "/v1/radar/customer_evaluations",
      {
        event_type: "registration",
        evaluation_context: [
          { type: "customer_details", customer_details: { customer: customer.id } },
        ],
      },
      { apiVersion: "2026-03-04.preview" },
    )) as unknown as { id: string };
    return app.prisma.customerEvaluation.create({
      data: {
        stripeId: stripeId ?? evaluation.id,
        eventType: "registration",
        email,
        stripeCustomerId: customer.id,
        decision: "allow",
      },
    });
  }

  /** The report requests the emulator received for an evaluation (stripe-node retries included). */
  const reportCalls = async (stripeId: string | null) =>
    (await emulator.api.requests(`/v1/radar/customer_evaluations/${stripeId}/report`)).data as {
      status: number;
    }[];
  const accepted = async (stripeId: string | null) =>
    (await reportCalls(stripeId)).filter((call) => call.status === 200).length;

  const outageOnReports = () =>
    emulator.api.injectFault({ path: "/v1/radar/customer_evaluations/cuseval_", status: 500 });

  it("backs off during an outage, then delivers each report exactly once", async () => {
    const records = [await savedEvaluation(), await savedEvaluation(), await savedEvaluation()];
    await outageOnReports();
    const start = Date.now();
    for (const record of records) {
      await recordOutcome(reportingNow(app.prisma, app.stripe), record, SUCCESS, {
        now: new Date(start),
      });
    }
    // 50 worker runs over 50 seconds of outage (after responses and on the timer).
    for (let second = 0; second < 50; second += 1) {
      await sendPendingReports(app.prisma, app.stripe, { now: new Date(start + second * 1_000) });
    }
    for (const record of records) {
      const saved = await app.prisma.customerEvaluation.findUniqueOrThrow({
        where: { id: record.id },
      });
      expect(saved.reportStatus).toBe("pending");
      // The first try, then retries after at most 10 s, 20 s and 40 s more: 4 in 50 s at most.
      expect(saved.reportAttempts).toBeGreaterThanOrEqual(2);
      expect(saved.reportAttempts).toBeLessThanOrEqual(4);
      expect(saved.reportError).toMatch(/500/);
      expect(saved.reportNextAttemptAt?.getTime()).toBeGreaterThan(start + 49_000);
    }

    await emulator.api.clearFaults();
    const later = { now: new Date(start + 2 * HOUR_MS) };
    expect(await sendPendingReports(app.prisma, app.stripe, later)).toBe(records.length);
    expect(await sendPendingReports(app.prisma, app.stripe, later)).toBe(0);
    for (const record of records) {
      expect(await accepted(record.stripeId)).toBe(1);
      expect(
        await app.prisma.customerEvaluation.findUniqueOrThrow({ where: { id: record.id } }),
      ).toMatchObject({ reportStatus: "reported", reportError: null, reportNextAttemptAt: null });
    }
  });

  it.each([
    [
      "404 for an evaluation Stripe does not know",
      `cuseval_${randomUUID().replaceAll("-", "")}`,
      SUCCESS,
      /404/,
    ],
    [
      "400 for an outcome of the wrong event type",
      undefined,
      { type: "login_success" } as const,
      /400/,
    ],
  ])(
    "marks a report Stripe refuses for good (%s) failed, and never retries it",
    async (_, stripeId, report, reason) => {
      const record = await savedEvaluation(stripeId);
      await recordOutcome(reportingNow(app.prisma, app.stripe), record, report);
      const failed = await app.prisma.customerEvaluation.findUniqueOrThrow({
        where: { id: record.id },
      });
      expect(failed).toMatchObject({ reportStatus: "failed", reportAttempts: 1 });
      expect(failed.reportError).toMatch(reason);
      const calls = (await reportCalls(record.stripeId)).length;

      await sendPendingReports(app.prisma, app.stripe, {
        now: new Date(Date.now() + 24 * HOUR_MS),
      });
      expect((await reportCalls(record.stripeId)).length).toBe(calls);
    },
  );

  it("sends a report its request claimed but never sent (the process stopped) once the claim runs out", async () => {
    const record = await savedEvaluation();
    const start = Date.now();
    // The response went out and the process stopped before the work after it ran.
    const stopped = { prisma: app.prisma, stripe: app.stripe, afterResponse: async () => {} };
    await recordOutcome(stopped, record, SUCCESS, { now: new Date(start) });
    expect(
      await app.prisma.customerEvaluation.findUniqueOrThrow({ where: { id: record.id } }),
    ).toMatchObject({ reportStatus: "pending", outcome: "registration_success" });

    // Held by the request for two minutes: no worker sends it meanwhile.
    expect(
      await sendPendingReports(app.prisma, app.stripe, { now: new Date(start + 60_000) }),
    ).toBe(0);
    expect(await accepted(record.stripeId)).toBe(0);
    const later = { now: new Date(start + 3 * 60_000) };
    expect(await sendPendingReports(app.prisma, app.stripe, later)).toBe(1);
    expect(await sendPendingReports(app.prisma, app.stripe, later)).toBe(0);
    expect(await accepted(record.stripeId)).toBe(1);
  });

  it("records a second outcome for the same evaluation as nothing while the first is held", async () => {
    const record = await savedEvaluation();
    const held = { prisma: app.prisma, stripe: app.stripe, afterResponse: async () => {} };
    await recordOutcome(held, record, SUCCESS);
    await recordOutcome(reportingNow(app.prisma, app.stripe), record, {
      type: "registration_failed",
      reason: "other",
    });
    expect(
      await app.prisma.customerEvaluation.findUniqueOrThrow({ where: { id: record.id } }),
    ).toMatchObject({ outcome: "registration_success", reportStatus: "pending" });
    expect(await accepted(record.stripeId)).toBe(0);
    // What is sent, once the hold runs out, is the first outcome.
    const later = { now: new Date(Date.now() + 3 * 60_000) };
    expect(await sendPendingReports(app.prisma, app.stripe, later)).toBe(1);
    expect(
      await app.prisma.customerEvaluation.findUniqueOrThrow({ where: { id: record.id } }),
    ).toMatchObject({ outcome: "registration_success", reportStatus: "reported" });
  });

  it("has two concurrent workers send each report once", async () => {
    const records = await Promise.all([1, 2, 3, 4].map(() => savedEvaluation()));
    await outageOnReports();
    for (const record of records)
      await recordOutcome(reportingNow(app.prisma, app.stripe), record, SUCCESS);
    await emulator.api.clearFaults();

    const now = new Date(Date.now() + 2 * HOUR_MS);
    const [first, second] = await Promise.all([
      sendPendingReports(app.prisma, app.stripe, { now }),
      sendPendingReports(app.prisma, app.stripe, { now }),
    ]);
    expect(first + second).toBe(records.length);
    for (const record of records) expect(await accepted(record.stripeId)).toBe(1);
  });

  it("has a worker and the requests deciding outcomes send each report once", async () => {
    const records = await Promise.all([1, 2, 3].map(() => savedEvaluation()));
    await Promise.all([
      ...records.map((record) =>
        recordOutcome(reportingNow(app.prisma, app.stripe), record, SUCCESS),
      ),
      sendPendingReports(app.prisma, app.stripe),
      sendPendingReports(app.prisma, app.stripe),
    ]);
    for (const record of records) {
      expect(await accepted(record.stripeId)).toBe(1);
      expect(
        (await app.prisma.customerEvaluation.findUniqueOrThrow({ where: { id: record.id } }))
          .reportStatus,
      ).toBe("reported");
    }
  });
});
