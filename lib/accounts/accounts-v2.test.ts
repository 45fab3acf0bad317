import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { LoginForm, RegistrationForm } from "@/lib/accounts/forms";
import { logInUser } from "@/lib/accounts/log-in";
import { registerUser } from "@/lib/accounts/register";
import { parseAccountEvaluation, retrieveAccountEvaluation } from "@/lib/radar/account-evaluations";
import { applyEventNotification, EVALUATION_COMPLETE_EVENT } from "@/lib/radar/late-evaluations";
import { sendPendingReports } from "@/lib/radar/outcome-reports";
import { storedExplanation } from "@/lib/radar/score-explanation";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { newRegistrationOrigin } from "@/lib/testing/test-services";

const emulator = setUpTestEmulator();

/** How long the flows wait for an Account Evaluation here (the emulator completes in 100 ms). */
const WAIT_MS = 600;

const uniqueEmail = (label: string) => `${label}.${randomUUID().slice(0, 8)}@example.com`;
const newDevice = () => `device-${randomUUID()}`;

type ActivityRequest = {
  method: string;
  path: string;
  status: number;
  body: Record<string, unknown>;
};

describe.each(testDatabaseKinds())("accounts with v2 Account Evaluations on $label", (kind) => {
  const app = setUpTestServices(kind, emulator, 800, {
    RADAR_API: "v2",
    RADAR_V2_WAIT_MS: String(WAIT_MS),
  });

  afterEach(() => emulator.api.setSignalsCompletionDelay(100));

  const registrationForm = async (device: string): Promise<RegistrationForm> => ({
    name: "Jenny Rosen",
    email: uniqueEmail("jenny"),
    password: "correct horse battery",
    radar_session: await emulator.api.createRadarSession({
      deviceId: device,
      timezone: "Europe/Paris",
    }),
  });
  const loginForm = async (
    email: string,
    device: string,
    timezone: string,
  ): Promise<LoginForm> => ({
    email,
    password: "correct horse battery",
    radar_session: await emulator.api.createRadarSession({ deviceId: device, timezone }),
  });
  const register = (form: RegistrationForm) =>
    registerUser(app.services, form, newRegistrationOrigin());
  const evaluationRecord = (id: string) =>
    app.prisma.customerEvaluation.findUniqueOrThrow({ where: { id } });

  /** The Account Activities Stripe accepted about one evaluation. */
  async function activitiesOn(evaluationId: string | null) {
    const { data } = await emulator.api.requests("/v2/signals/account_activity");
    return (data as ActivityRequest[])
      .filter(
        (entry) =>
          entry.method === "POST" &&
          entry.status === 200 &&
          entry.body.account_evaluation === evaluationId,
      )
      .map((entry) => entry.body);
  }

  it("scores three sign-ups from one device allowed, review, blocked, and reports each as a registration_decision", async () => {
    const device = newDevice();
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await register(await registrationForm(device)));
    expect(results.map((result) => result.kind)).toEqual(["registered", "registered", "blocked"]);
    expect(results[0]).toMatchObject({ decision: "allow" });
    expect(results[1]).toMatchObject({ decision: "review" });

    const records = await Promise.all(
      results.map((result) =>
        evaluationRecord((result as { evaluationRecordId: string }).evaluationRecordId),
      ),
    );
    expect(records.map((record) => [record.riskLevel, record.decision, record.outcome])).toEqual([
      ["normal", "allow", "allowed"],
      ["elevated", "review", "restricted"],
      ["highest", "block", "blocked"],
    ]);
    for (const record of records) {
      expect(record).toMatchObject({
        radarApi: "v2",
        apiVersion: "2026-08-26.preview",
        signal: "user_multi_accounting",
        unavailableReason: null,
        reportStatus: "reported",
      });
      expect(record.stripeId).toMatch(/^acctevl_/);
      expect(record.raw).toMatchObject({
        object: "v2.signals.account_evaluation",
        pending_signals: [],
      });
    }
    expect(records[2]?.score).toBeGreaterThanOrEqual(75);
    // The emulator's reasons for the v2 score are kept, as for v1.
    expect(storedExplanation(records[2]?.factors ?? null)?.factors).toContainEqual(
      expect.objectContaining({ name: "device_reuse", points: expect.any(Number) }),
    );

    const [blocked] = await activitiesOn(records[2]?.stripeId ?? null);
    expect(blocked).toEqual({
      type: "registration_decision",
      account_evaluation: records[2]?.stripeId,
      account_details: { customer: records[2]?.stripeCustomerId },
      registration_decision: { status: "blocked" },
    });
    expect(await activitiesOn(records[1]?.stripeId ?? null)).toEqual([
      expect.objectContaining({ registration_decision: { status: "restricted" } }),
    ]);
  });

  it("climbs to review and then blocks as more devices share an account, reporting login_decisions", async () => {
    const form = await registrationForm(newDevice());
    await register(form);
    const results = [];
    for (const timezone of ["Europe/Paris", "America/New_York", "Asia/Tokyo"]) {
      results.push(
        await logInUser(app.services, await loginForm(form.email, newDevice(), timezone), {
          clientIp: "10.0.0.4",
        }),
      );
    }
    expect(results.map((result) => result.kind)).toEqual(["signed_in", "signed_in", "blocked"]);
    expect(results[1]).toMatchObject({ decision: "review" });
    const blocked = results[2];
    if (blocked?.kind !== "blocked") return;
    const record = await evaluationRecord(blocked.evaluationRecordId);
    expect(record).toMatchObject({
      signal: "user_account_sharing",
      riskLevel: "highest",
      decision: "block",
      reportStatus: "reported",
    });
    expect(await activitiesOn(record.stripeId)).toEqual([
      expect.objectContaining({ type: "login_decision", login_decision: { status: "blocked" } }),
    ]);
  });

  it("lets a sign-up in without the signal when the evaluation is not complete in time, and saves the signal its event brings later", async () => {
    await emulator.api.setSignalsCompletionDelay(WAIT_MS + 400);
    const device = newDevice();
    // Two sign-ups from the device first, so that the late signal is one that would have blocked.
    await register(await registrationForm(device));
    await register(await registrationForm(device));
    const startedAt = performance.now();
    const result = await register(await registrationForm(device));
    const took = performance.now() - startedAt;

    expect(result).toMatchObject({ kind: "registered", decision: "allow" });
    expect(took).toBeGreaterThanOrEqual(WAIT_MS - 100);
    expect(took).toBeLessThan(WAIT_MS + 1_000);
    if (result.kind !== "registered") return;
    const pending = await evaluationRecord(result.evaluationRecordId);
    expect(pending).toMatchObject({
      radarApi: "v2",
      score: null,
      riskLevel: null,
      decision: "allow",
      unavailableReason: `evaluation not complete after ${WAIT_MS} ms`,
      outcome: "allowed",
      reportStatus: "reported",
    });
    expect(pending.stripeId).toMatch(/^acctevl_/);
    expect(pending.raw).toMatchObject({ pending_signals: ["user_multi_accounting"] });
    // The decision is reported on the evaluation all the same.
    expect(await activitiesOn(pending.stripeId)).toEqual([
      expect.objectContaining({ registration_decision: { status: "allowed" } }),
    ]);

    const stripeId = pending.stripeId as string;
    await expect
      .poll(
        async () =>
          parseAccountEvaluation(
            await retrieveAccountEvaluation(app.stripe, stripeId, 1_000),
            "registration",
          ),
        { timeout: 3_000 },
      )
      .toMatchObject({ evaluation: { pending_signals: [] } });
    const notification = {
      type: EVALUATION_COMPLETE_EVENT,
      related_object: {
        id: stripeId,
        type: "v2.signals.account_evaluation",
        url: `/v2/signals/account_evaluations/${stripeId}`,
      },
    };
    expect(await applyEventNotification(app.services, notification, 1_000)).toBe("processed");
    const completed = await evaluationRecord(result.evaluationRecordId);
    expect(completed).toMatchObject({
      riskLevel: "highest",
      decision: "allow",
      outcome: "allowed",
      unavailableReason: `evaluation not complete after ${WAIT_MS} ms`,
    });
    expect(completed.score).toBeGreaterThanOrEqual(75);
    expect(completed.raw).toMatchObject({ pending_signals: [] });
    // Delivered again, the event changes nothing.
    expect(await applyEventNotification(app.services, notification, 1_000)).toBe("ignored");
  });

  it("lets a sign-up in when the evaluation never completes, and stops waiting on time", async () => {
    await emulator.api.setSignalsCompletionDelay(null);
    const startedAt = performance.now();
    const result = await register(await registrationForm(newDevice()));
    expect(performance.now() - startedAt).toBeLessThan(WAIT_MS + 1_000);
    expect(result).toMatchObject({ kind: "registered", decision: "allow" });
    if (result.kind !== "registered") return;
    expect(await evaluationRecord(result.evaluationRecordId)).toMatchObject({
      unavailableReason: `evaluation not complete after ${WAIT_MS} ms`,
      riskLevel: null,
    });
  });

  it.each([500, 429])("fails open when Account Evaluations answer %i", async (status) => {
    await emulator.api.injectFault({ path: "/v2/signals/account_evaluations", status });
    const result = await register(await registrationForm(newDevice()));
    expect(result).toMatchObject({ kind: "registered", decision: "allow" });
    if (result.kind !== "registered") return;
    const record = await evaluationRecord(result.evaluationRecordId);
    expect(record).toMatchObject({ stripeId: null, reportStatus: "none" });
    expect(record.unavailableReason).toContain(`HTTP ${status}`);
  });

  it("never lets a sign-up in on a refusal: a 400 about what was sent is not an outage", async () => {
    await emulator.api.injectFault({ path: "/v2/signals/account_evaluations", status: 400 });
    const form = await registrationForm(newDevice());
    const result = await register(form);
    expect(result.kind).not.toBe("registered");
    expect(await app.prisma.user.findUnique({ where: { email: form.email } })).toBeNull();
  });

  it("keeps an Account Activity that could not be sent and sends it later", async () => {
    await emulator.api.injectFault({ path: "/v2/signals/account_activity", status: 503 });
    const result = await register(await registrationForm(newDevice()));
    if (result.kind !== "registered") throw new Error(`unexpected ${result.kind}`);
    const kept = await evaluationRecord(result.evaluationRecordId);
    expect(kept).toMatchObject({ outcome: "allowed", reportStatus: "pending" });
    expect(kept.reportError).toContain("503");

    await emulator.api.clearFaults();
    const later = new Date(Date.now() + 60 * 60_000);
    expect(
      await sendPendingReports(app.prisma, app.services.radar, { now: later }),
    ).toBeGreaterThanOrEqual(1);
    expect(await evaluationRecord(result.evaluationRecordId)).toMatchObject({
      reportStatus: "reported",
    });
    expect(await activitiesOn(kept.stripeId)).toEqual([
      expect.objectContaining({ registration_decision: { status: "allowed" } }),
    ]);
  });
});
