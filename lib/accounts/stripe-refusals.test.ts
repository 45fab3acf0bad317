import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RegistrationForm } from "@/lib/accounts/forms";
import { logInUser } from "@/lib/accounts/log-in";
import { registerUser } from "@/lib/accounts/register";
import { hashPassword } from "@/lib/auth/passwords";
import { findEvaluation } from "@/lib/dashboard/find-evaluation";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { setUpStripeAnswers } from "@/lib/testing/stripe-answers";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { newRegistrationOrigin } from "@/lib/testing/test-services";

/**
 * Only an outage fails open. What Stripe refuses (a 4xx about what the app sent) and what it
 * answers in a shape the app cannot read are never a way in, whoever chose them.
 */

const emulator = setUpTestEmulator();
const answers = setUpStripeAnswers(() => emulator.port);
/** The emulator, reached through the server that can answer in its place. */
const throughAnswers = {
  get port() {
    return answers.port;
  },
  get webhookSecret() {
    return emulator.webhookSecret;
  },
  get controlToken() {
    return emulator.controlToken;
  },
};

const EVALUATIONS = "/v1/radar/customer_evaluations";
const PASSWORD = "correct horse battery";
/** 25 characters: the old form allowed 30, a Stripe Customer takes 20. */
const LONG_PHONE = "+1 (555) 010-0199 ext 123";

afterEach(() => vi.restoreAllMocks());

describe.each(testDatabaseKinds())("what Stripe refuses, on $label", (kind) => {
  const app = setUpTestServices(kind, throughAnswers, 800);
  const strict = setUpTestServices(kind, throughAnswers, 800, {
    RADAR_UNREADABLE_DECISION: "block",
  });

  const signUpForm = async (
    device: string,
    overrides: Partial<RegistrationForm> = {},
  ): Promise<RegistrationForm> => ({
    name: "Jenny Rosen",
    email: `jenny.${randomUUID().slice(0, 8)}@example.com`,
    password: PASSWORD,
    radar_session: await emulator.api.createRadarSession({ deviceId: device }),
    ...overrides,
  });
  const register = (form: RegistrationForm, services = app.services) =>
    registerUser(services, form, newRegistrationOrigin());
  const userOf = (email: string) => app.prisma.user.findUnique({ where: { email } });
  const recordsOf = (email: string) =>
    app.prisma.customerEvaluation.findMany({ where: { email }, orderBy: { createdAt: "asc" } });

  it("does not let a blocked device in with a phone Stripe refuses", async () => {
    const device = `device-${randomUUID()}`;
    for (const expected of ["registered", "registered", "blocked"]) {
      expect((await register(await signUpForm(device))).kind).toBe(expected);
    }

    // The same sign-up, with a phone that passes a form allowing 30 characters.
    const attack = await signUpForm(device, { phone: LONG_PHONE });
    const result = await register(attack);

    expect(result).toMatchObject({ kind: "refused", fieldErrors: { phone: expect.any(String) } });
    expect(await userOf(attack.email)).toBeNull();
    const [record] = await recordsOf(attack.email);
    expect(record).toMatchObject({ decision: "block", outcome: "refused", stripeId: null });
    expect(record?.refusedReason).toMatch(/HTTP 400/);
  });

  it("does not sign in an account whose phone Stripe refuses, unscored", async () => {
    // Saved before the form knew Stripe's limit, while Stripe was down: no customer yet.
    const email = `legacy.${randomUUID().slice(0, 8)}@example.com`;
    await app.prisma.user.create({
      data: {
        email,
        name: "Legacy",
        phone: LONG_PHONE,
        passwordHash: await hashPassword(PASSWORD),
      },
    });
    const result = await logInUser(
      app.services,
      {
        email,
        password: PASSWORD,
        radar_session: await emulator.api.createRadarSession({ deviceId: randomUUID() }),
      },
      { clientIp: "10.7.0.1" },
    );
    expect(result).toMatchObject({ kind: "refused", message: expect.stringMatching(/support/) });
    expect(await app.prisma.session.count({ where: { user: { email } } })).toBe(0);
  });

  it("evaluates an email's sign-up again from another browser without JavaScript, not as a reused key", async () => {
    const form = await signUpForm("unused", { radar_session: undefined });
    const from = (userAgent: string) => ({ ...newRegistrationOrigin(), userAgent });
    expect(await registerUser(app.services, form, from("Mozilla/5.0 Firefox/140.0"))).toMatchObject(
      {
        kind: "registered",
      },
    );
    // As after a blocked sign-up: no user, and the email's Stripe Customer kept for its next try.
    await app.prisma.user.deleteMany({ where: { email: form.email } });
    expect(await registerUser(app.services, form, from("Mozilla/5.0 Chrome/150.0"))).toMatchObject({
      kind: "registered",
    });
    const records = await recordsOf(form.email);
    expect(records).toHaveLength(2);
    expect(records.map((record) => record.refusedReason)).toEqual([null, null]);
    expect(new Set(records.map((record) => record.stripeId)).size).toBe(2);
  });

  it("ends a sign-up whose evaluation Stripe refuses (400), and makes no second customer after", async () => {
    await emulator.api.injectFault({ path: EVALUATIONS, method: "POST", status: 400, count: 1 });
    const form = await signUpForm(`device-${randomUUID()}`);
    const refused = await register(form);
    expect(refused).toMatchObject({ kind: "refused", message: expect.stringMatching(/Stripe/) });
    expect(await userOf(form.email)).toBeNull();

    const again = await register({
      ...form,
      radar_session: await emulator.api.createRadarSession({ deviceId: randomUUID() }),
    });
    expect(again).toMatchObject({ kind: "registered" });
    const customers = (await emulator.api.requests("/v1/customers")).data as {
      method: string;
      status: number;
      body?: { email?: string };
    }[];
    const created = customers.filter(
      (call) => call.method === "POST" && call.status === 200 && call.body?.email === form.email,
    );
    expect(created).toHaveLength(1);
  });

  it("fails open when the account does not have the preview", async () => {
    answers.answerNext("POST", EVALUATIONS, {
      status: 404,
      body: {
        error: {
          type: "invalid_request_error",
          message: `Unrecognized request URL (POST: ${EVALUATIONS}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        },
      },
    });
    const form = await signUpForm(`device-${randomUUID()}`);
    expect(await register(form)).toMatchObject({ kind: "registered", decision: "allow" });
    const [record] = await recordsOf(form.email);
    expect(record?.unavailableReason).toMatch(/Unrecognized request URL/);
  });

  it("refuses a 404 that names a missing object: the app sent a customer Stripe does not have", async () => {
    answers.answerNext("POST", EVALUATIONS, {
      status: 404,
      body: {
        error: {
          type: "invalid_request_error",
          code: "resource_missing",
          param: "evaluation_context[0][customer_details][customer]",
          message: "No such customer: 'cus_gone'",
        },
      },
    });
    const form = await signUpForm(`device-${randomUUID()}`);
    expect(await register(form)).toMatchObject({ kind: "refused" });
    expect(await userOf(form.email)).toBeNull();
  });

  describe("an answer the app cannot read", () => {
    const renamed = (id: string) => ({
      id,
      object: "radar.customer_evaluation",
      event_type: "registration",
      signals: { multi_accounting: { score: "91.2", risk_level: "highest" } },
    });

    it("is kept whole, logged with its ID, and reviewed", async () => {
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      const id = `cuseval_${randomUUID().replaceAll("-", "")}`;
      answers.answerNext("POST", EVALUATIONS, { status: 200, body: renamed(id) });
      const form = await signUpForm(`device-${randomUUID()}`);

      expect(await register(form)).toMatchObject({ kind: "registered", decision: "review" });
      const [record] = await recordsOf(form.email);
      expect(record).toMatchObject({
        stripeId: id,
        decision: "review",
        score: null,
        raw: renamed(id),
        unavailableReason: null,
      });
      expect(record?.unreadableReason).toMatch(/score/);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining(id));
      expect(logged).toHaveBeenCalledWith(expect.stringContaining(record?.id ?? "?"));
      // The evaluation page names the rule.
      const found = await findEvaluation(app.prisma, record?.id ?? "", app.services.policy);
      expect(found?.rule).toBe("unreadable response: review");
    });

    it("is decided by RADAR_UNREADABLE_DECISION", async () => {
      vi.spyOn(console, "error").mockImplementation(() => {});
      answers.answerNext("POST", EVALUATIONS, { status: 200, body: { unexpected: true } });
      const form = await signUpForm(`device-${randomUUID()}`);
      expect(await register(form, strict.services)).toMatchObject({ kind: "blocked" });
      const [record] = await strict.prisma.customerEvaluation.findMany({
        where: { email: form.email },
      });
      expect(record).toMatchObject({
        stripeId: null,
        decision: "block",
        raw: { unexpected: true },
      });
    });
  });
});
