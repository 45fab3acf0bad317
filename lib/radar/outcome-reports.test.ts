import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SEEDS_VERSION } from "@/lib/radar/customer-evaluations";
import {
  reportAccountOutcome,
  retryDelayMs,
  sendPendingReports,
} from "@/lib/radar/outcome-reports";
import { runAtOnce, type Services } from "@/lib/services/services";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";

/** The services reportAccountOutcome reads, with the work after the response run at once. */
const reportingNow = ({ prisma, radar }: Services) => ({ prisma, radar, afterResponse: runAtOnce });
/** The same, where the process stops before the work after the response runs. */
const stoppingAfterResponse = ({ prisma, radar }: Services) => ({
  prisma,
  radar,
  afterResponse: async () => {},
});

const emulator = setUpTestEmulator();
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

  /**
   * A registration Customer Evaluation made by Stripe with the seeds' version and saved by the
   * app, outcome undecided; `saved` overrides what the app saved.
   */
  async function savedEvaluation(stripeId?: string, saved: { eventType?: "login" } = {}) {
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
      { apiVersion: SEEDS_VERSION },
    )) as unknown as { id: string };
    return app.prisma.customerEvaluation.create({
      data: {
        stripeId: stripeId ?? evaluation.id,
        apiVersion: SEEDS_VERSION,
        eventType: saved.eventType ?? "registration",
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
      await reportAccountOutcome(reportingNow(app.services), record, "allowed", {
        now: new Date(start),
      });
    }
    // 50 worker runs over 50 seconds of outage (after responses and on the timer).
    for (let second = 0; second < 50; second += 1) {
      await sendPendingReports(app.prisma, app.services.radar, {
        now: new Date(start + second * 1_000),
      });
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
    expect(await sendPendingReports(app.prisma, app.services.radar, later)).toBe(records.length);
    expect(await sendPendingReports(app.prisma, app.services.radar, later)).toBe(0);
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
      {},
      /404/,
    ],
    // A registration evaluation the app took for a log-in: login_success is refused.
    [
      "400 for an outcome of the wrong event type",
      undefined,
      { eventType: "login" } as const,
      /400/,
    ],
  ])(
    "marks a report Stripe refuses for good (%s) failed, and never retries it",
    async (_, stripeId, saved, reason) => {
      const record = await savedEvaluation(stripeId, saved);
      await reportAccountOutcome(reportingNow(app.services), record, "allowed");
      const failed = await app.prisma.customerEvaluation.findUniqueOrThrow({
        where: { id: record.id },
      });
      expect(failed).toMatchObject({ reportStatus: "failed", reportAttempts: 1 });
      expect(failed.reportError).toMatch(reason);
      const calls = (await reportCalls(record.stripeId)).length;

      await sendPendingReports(app.prisma, app.services.radar, {
        now: new Date(Date.now() + 24 * HOUR_MS),
      });
      expect((await reportCalls(record.stripeId)).length).toBe(calls);
    },
  );

  it("sends a report its request claimed but never sent (the process stopped) once the claim runs out", async () => {
    const record = await savedEvaluation();
    const start = Date.now();
    // The response went out and the process stopped before the work after it ran.
    await reportAccountOutcome(stoppingAfterResponse(app.services), record, "allowed", {
      now: new Date(start),
    });
    expect(
      await app.prisma.customerEvaluation.findUniqueOrThrow({ where: { id: record.id } }),
    ).toMatchObject({ reportStatus: "pending", outcome: "allowed" });

    // Held by the request for two minutes: no worker sends it meanwhile.
    expect(
      await sendPendingReports(app.prisma, app.services.radar, { now: new Date(start + 60_000) }),
    ).toBe(0);
    expect(await accepted(record.stripeId)).toBe(0);
    const later = { now: new Date(start + 3 * 60_000) };
    expect(await sendPendingReports(app.prisma, app.services.radar, later)).toBe(1);
    expect(await sendPendingReports(app.prisma, app.services.radar, later)).toBe(0);
    expect(await accepted(record.stripeId)).toBe(1);
  });

  it("records a second outcome for the same evaluation as nothing while the first is held", async () => {
    const record = await savedEvaluation();
    await reportAccountOutcome(stoppingAfterResponse(app.services), record, "allowed");
    await reportAccountOutcome(reportingNow(app.services), record, "refused");
    expect(
      await app.prisma.customerEvaluation.findUniqueOrThrow({ where: { id: record.id } }),
    ).toMatchObject({ outcome: "allowed", reportStatus: "pending" });
    expect(await accepted(record.stripeId)).toBe(0);
    // What is sent, once the hold runs out, is the first outcome.
    const later = { now: new Date(Date.now() + 3 * 60_000) };
    expect(await sendPendingReports(app.prisma, app.services.radar, later)).toBe(1);
    expect(
      await app.prisma.customerEvaluation.findUniqueOrThrow({ where: { id: record.id } }),
    ).toMatchObject({ outcome: "allowed", reportStatus: "reported" });
  });

  it("has two concurrent workers send each report once", async () => {
    const records = await Promise.all([1, 2, 3, 4].map(() => savedEvaluation()));
    await outageOnReports();
    for (const record of records)
      await reportAccountOutcome(reportingNow(app.services), record, "allowed");
    await emulator.api.clearFaults();

    const now = new Date(Date.now() + 2 * HOUR_MS);
    const [first, second] = await Promise.all([
      sendPendingReports(app.prisma, app.services.radar, { now }),
      sendPendingReports(app.prisma, app.services.radar, { now }),
    ]);
    expect(first + second).toBe(records.length);
    for (const record of records) expect(await accepted(record.stripeId)).toBe(1);
  });

  it("has a worker and the requests deciding outcomes send each report once", async () => {
    const records = await Promise.all([1, 2, 3].map(() => savedEvaluation()));
    await Promise.all([
      ...records.map((record) =>
        reportAccountOutcome(reportingNow(app.services), record, "allowed"),
      ),
      sendPendingReports(app.prisma, app.services.radar),
      sendPendingReports(app.prisma, app.services.radar),
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
