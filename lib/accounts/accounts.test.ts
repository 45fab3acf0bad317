import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { LoginForm, RegistrationForm } from "@/lib/accounts/forms";
import { logInUser } from "@/lib/accounts/log-in";
import { registerUser } from "@/lib/accounts/register";
import { verifyPassword } from "@/lib/auth/passwords";
import { sendPendingReports } from "@/lib/radar/outcome-reports";
import { customerForRegistration } from "@/lib/stripe/customers";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { checkStripeContract } from "@/lib/testing/stripe-contract";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { newRegistrationOrigin } from "@/lib/testing/test-services";

// Counted, so that a test can tell how many passwords a flow checked.
vi.mock("@/lib/auth/passwords", async (importOriginal) => {
  const passwords = await importOriginal<typeof import("@/lib/auth/passwords")>();
  return { ...passwords, verifyPassword: vi.fn(passwords.verifyPassword) };
});

const emulator = setUpTestEmulator();
checkStripeContract(emulator, "accounts flows");

const uniqueEmail = (label: string) => `${label}.${randomUUID().slice(0, 8)}@example.com`;
const newDevice = () => `device-${randomUUID()}`;

describe.each(testDatabaseKinds())("accounts on $label", (kind) => {
  const app = setUpTestServices(kind, emulator, 800);

  const registrationForm = async (
    device: string,
    overrides: Partial<RegistrationForm> = {},
  ): Promise<RegistrationForm> => ({
    name: "Jenny Rosen",
    email: uniqueEmail("jenny"),
    password: "correct horse battery",
    radar_session: await emulator.api.createRadarSession({
      deviceId: device,
      timezone: "Europe/Paris",
    }),
    ...overrides,
  });

  const loginForm = async (
    email: string,
    device: string,
    timezone: string,
    password = "correct horse battery",
  ): Promise<LoginForm> => ({
    email,
    password,
    radar_session: await emulator.api.createRadarSession({ deviceId: device, timezone }),
  });

  const register = (form: RegistrationForm) =>
    registerUser(app.services, form, newRegistrationOrigin());

  const evaluationRecord = (id: string) =>
    app.prisma.customerEvaluation.findUniqueOrThrow({ where: { id } });

  it("registers a first-time device, saves the customer and evaluation, and reports success", async () => {
    const form = await registrationForm(newDevice());
    const result = await register(form);
    expect(result).toMatchObject({ kind: "registered", decision: "allow" });
    if (result.kind !== "registered") return;

    const user = await app.prisma.user.findUniqueOrThrow({ where: { id: result.userId } });
    const record = await evaluationRecord(result.evaluationRecordId);
    expect(user.email).toBe(form.email);
    expect(user.stripeCustomerId).toMatch(/^cus_/);
    expect(user.needsReview).toBe(false);
    expect(user.passwordHash).not.toContain(form.password);
    expect(record).toMatchObject({
      eventType: "registration",
      userId: user.id,
      stripeCustomerId: user.stripeCustomerId,
      radarSession: form.radar_session,
      signal: "multi_accounting",
      riskLevel: "normal",
      decision: "allow",
      outcome: "allowed",
      reportStatus: "reported",
    });
    expect(record.stripeId).toMatch(/^cuseval_/);
    expect(record.score).toBeLessThan(65);

    const evaluation = await emulator.api.retrieve(
      `/v1/radar/customer_evaluations/${record.stripeId}`,
    );
    expect(evaluation.customer).toBe(user.stripeCustomerId);
    expect(evaluation.events).toEqual([expect.objectContaining({ type: "allowed" })]);
    const customer = await emulator.api.retrieve(`/v1/customers/${user.stripeCustomerId}`);
    expect(customer).toMatchObject({ email: form.email, name: "Jenny Rosen" });
  });

  it("reviews the second and blocks the third registration from one device", async () => {
    const device = newDevice();
    const first = await register(await registrationForm(device));
    const second = await register(await registrationForm(device));
    const thirdForm = await registrationForm(device);
    const third = await register(thirdForm);

    expect(first).toMatchObject({ kind: "registered", decision: "allow" });
    expect(second).toMatchObject({ kind: "registered", decision: "review" });
    expect(third.kind).toBe("blocked");
    if (second.kind !== "registered" || third.kind !== "blocked") return;

    const reviewed = await app.prisma.user.findUniqueOrThrow({ where: { id: second.userId } });
    expect(reviewed.needsReview).toBe(true);
    expect(await app.prisma.user.findUnique({ where: { email: thirdForm.email } })).toBeNull();

    const blocked = await evaluationRecord(third.evaluationRecordId);
    expect(blocked).toMatchObject({
      riskLevel: "highest",
      decision: "block",
      userId: null,
      outcome: "blocked",
      reportStatus: "reported",
    });
    const evaluation = await emulator.api.retrieve(
      `/v1/radar/customer_evaluations/${blocked.stripeId}`,
    );
    expect(evaluation.events).toEqual([expect.objectContaining({ type: "blocked" })]);
  });

  /** Services whose outcome writes, once saved, add an entry to `order`. */
  const noting = (order: string[]) => ({
    ...app.services,
    afterResponse: async (work: () => Promise<void>) => {
      order.push("outcome saved");
      await work();
    },
  });

  it("signs the browser in beside the outcome write, only for a sign-up that made the account", async () => {
    const order: string[] = [];
    const signIn = vi.fn(async (userId: string) => {
      order.push(`sign-in ${userId}`);
    });
    const device = newDevice();
    const sign = (form: RegistrationForm) =>
      registerUser(noting(order), form, newRegistrationOrigin(), signIn);
    const firstForm = await registrationForm(device);
    const first = await sign(firstForm);
    if (first.kind !== "registered") throw new Error(`unexpected ${first.kind}`);
    // Started before the outcome's statement came back, not after it.
    expect(order).toEqual([`sign-in ${first.userId}`, "outcome saved"]);

    const taken = await sign({ ...firstForm, radar_session: undefined });
    const second = await sign(await registrationForm(device));
    const blocked = await sign(await registrationForm(device));
    expect([taken.kind, second.kind, blocked.kind]).toEqual(["invalid", "registered", "blocked"]);
    if (second.kind !== "registered") return;
    expect(signIn.mock.calls).toEqual([[first.userId], [second.userId]]);
  });

  it("keeps the account and its outcome when the session cannot be opened", async () => {
    const form = await registrationForm(newDevice());
    const failing = async () => {
      throw new Error("no session store");
    };
    await expect(
      registerUser(app.services, form, newRegistrationOrigin(), failing),
    ).rejects.toThrow("no session store");

    const user = await app.prisma.user.findUniqueOrThrow({ where: { email: form.email } });
    const [record] = await app.prisma.customerEvaluation.findMany({
      where: { email: form.email, eventType: "registration" },
    });
    expect(record).toMatchObject({ userId: user.id, outcome: "allowed" });
    const login = await logInUser(
      app.services,
      { email: form.email, password: form.password },
      { clientIp: "10.9.0.1" },
    );
    expect(login.kind).toBe("signed_in");
  });

  it("creates one user and one customer when the same form is sent twice at once", async () => {
    const form = await registrationForm(newDevice());
    const [a, b] = await Promise.all([register(form), register(form)]);
    expect(a.kind).toBe("registered");
    expect(b.kind).toBe("registered");
    if (a.kind !== "registered" || b.kind !== "registered") return;
    expect(a.userId).toBe(b.userId);
    expect(await app.prisma.user.count({ where: { email: form.email } })).toBe(1);
    const customers = await emulator.api.retrieve(
      `/v1/customers?email=${encodeURIComponent(form.email)}`,
    );
    expect(customers.data).toHaveLength(1);
  });

  it("gives a copy of the form that arrives after the first finished the same customer", async () => {
    const form = await registrationForm(newDevice());
    const first = await register(form);
    if (first.kind !== "registered") throw new Error(`unexpected ${first.kind}`);
    const user = await app.prisma.user.findUniqueOrThrow({ where: { id: first.userId } });
    // Where the late copy would go once past the email check it made before the user existed.
    expect(await customerForRegistration(app.prisma, app.stripe, form)).toBe(user.stripeCustomerId);
    expect(
      await emulator.api.retrieve(`/v1/customers?email=${encodeURIComponent(form.email)}`),
    ).toMatchObject({ data: [{ id: user.stripeCustomerId }] });
  });

  it("refuses an email that is already registered, and changes nothing", async () => {
    const form = await registrationForm(newDevice());
    await register(form);
    const again = await register({
      ...form,
      radar_session: await emulator.api.createRadarSession({ deviceId: newDevice() }),
    });
    expect(again).toEqual({
      kind: "invalid",
      fieldErrors: { email: "An account with this email already exists. Log in instead." },
    });
  });

  it("reviews a registration whose Radar Session was stripped, still evaluating the customer", async () => {
    const form = await registrationForm(newDevice(), { radar_session: undefined });
    const result = await register(form);
    expect(result).toMatchObject({ kind: "registered", decision: "review" });
    if (result.kind !== "registered") return;
    const user = await app.prisma.user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user.needsReview).toBe(true);
    const record = await evaluationRecord(result.evaluationRecordId);
    // Scored on the address the server saw (client_details.data), which is not a device.
    expect(record).toMatchObject({ radarSession: null, decision: "review", riskLevel: "normal" });
    expect(record.stripeId).toMatch(/^cuseval_/);
    expect(record.clientIp).toMatch(/^10\./);
    const sent = (await emulator.api.requests("/v1/radar/customer_evaluations")).data as {
      body?: { evaluation_context?: { client_details?: { data?: { ip?: string } } }[] };
    }[];
    const clientData = sent.flatMap((call) =>
      (call.body?.evaluation_context ?? []).map((context) => context.client_details?.data),
    );
    expect(clientData).toContainEqual({ ip: record.clientIp });
  });

  it("treats a Radar Session Stripe never issued as a missing one", async () => {
    const form = await registrationForm(newDevice(), {
      radar_session: "rse_forged000000000000000",
    });
    const result = await register(form);
    expect(result).toMatchObject({ kind: "registered", decision: "review" });
    if (result.kind !== "registered") return;
    const record = await evaluationRecord(result.evaluationRecordId);
    expect(record.stripeId).toMatch(/^cuseval_/);
    const evaluation = await emulator.api.retrieve(
      `/v1/radar/customer_evaluations/${record.stripeId}`,
    );
    expect(evaluation.customer).toBe(record.stripeCustomerId);
  });

  it("lets one of four simultaneous sign-ups sharing a fresh Radar Session through", async () => {
    const shared = await emulator.api.createRadarSession({ deviceId: newDevice() });
    const forms = await Promise.all(
      Array.from({ length: 4 }, () => registrationForm(newDevice(), { radar_session: shared })),
    );
    const results = await Promise.all(forms.map((form) => register(form)));
    expect(results.filter((result) => result.kind === "registered")).toHaveLength(1);
    expect(results.filter((result) => result.kind === "invalid")).toHaveLength(3);
    const users = await app.prisma.user.count({
      where: { email: { in: forms.map((form) => form.email) } },
    });
    expect(users).toBe(1);
  });

  it("refuses a Radar Session used for a log-in when it comes back with a registration", async () => {
    const owner = await registrationForm(newDevice());
    await register(owner);
    const loginSession = await emulator.api.createRadarSession({ deviceId: newDevice() });
    await logInUser(
      app.services,
      { email: owner.email, password: "correct horse battery", radar_session: loginSession },
      { clientIp: "10.0.0.20" },
    );
    const result = await register({
      ...(await registrationForm(newDevice())),
      radar_session: loginSession,
    });
    expect(result).toMatchObject({
      kind: "invalid",
      fieldErrors: { radar_session: expect.stringContaining("already used") },
    });
  });

  it("rate-limits registrations per client IP before any Stripe Customer is made", async () => {
    const clientIp = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
    const { max } = app.services.registrationLimit.perIp;
    const forms = await Promise.all(
      Array.from({ length: max + 3 }, () => registrationForm(newDevice())),
    );
    const results = await Promise.all(
      forms.map((form) => registerUser(app.services, form, { clientIp, deviceId: randomUUID() })),
    );
    expect(results.filter((result) => result.kind === "registered")).toHaveLength(max);
    const refused = forms.filter((_, index) => results[index]?.kind === "throttled");
    expect(refused).toHaveLength(3);
    for (const form of refused) {
      const customers = await emulator.api.retrieve(
        `/v1/customers?email=${encodeURIComponent(form.email)}`,
      );
      expect(customers.data).toEqual([]);
    }
  });

  it("counts probes of registered emails against the IP's limit, and a throttled probe learns nothing", async () => {
    const taken = await registrationForm(newDevice());
    await register(taken);
    const clientIp = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const { max } = app.services.registrationLimit.perIp;
    const probe = async (email: string) =>
      registerUser(
        app.services,
        { ...(await registrationForm(newDevice())), email },
        { clientIp, deviceId: randomUUID() },
      );
    const answers = [];
    for (let attempt = 0; attempt < max; attempt++) answers.push((await probe(taken.email)).kind);
    expect(answers).toEqual(Array.from({ length: max }, () => "invalid"));
    // Over the limit, a registered email and a free one get the same answer.
    expect((await probe(taken.email)).kind).toBe("throttled");
    expect((await probe(`free.${randomUUID().slice(0, 8)}@example.com`)).kind).toBe("throttled");
  });

  it("rate-limits registrations per device, whatever the IP", async () => {
    const deviceId = randomUUID();
    const { max } = app.services.registrationLimit.perDevice;
    const kinds = [];
    for (let attempt = 0; attempt <= max; attempt++) {
      const form = await registrationForm(newDevice());
      const result = await registerUser(app.services, form, {
        clientIp: newRegistrationOrigin().clientIp,
        deviceId,
      });
      kinds.push(result.kind);
    }
    expect(kinds.at(-1)).toBe("throttled");
    expect(kinds.slice(0, max)).not.toContain("throttled");
  });

  it("refuses a Radar Session that another account already used", async () => {
    const owner = await registrationForm(newDevice());
    await register(owner);
    const result = await register({
      ...(await registrationForm(newDevice())),
      radar_session: owner.radar_session,
    });
    expect(result).toMatchObject({
      kind: "invalid",
      fieldErrors: { radar_session: expect.stringContaining("already used") },
    });
  });

  it("registers when the evaluation times out, recording it as unavailable", async () => {
    await emulator.api.injectFault({ path: "/v1/radar/customer_evaluations", latency_ms: 5_000 });
    const startedAt = Date.now();
    const result = await register(await registrationForm(newDevice()));
    expect(Date.now() - startedAt).toBeLessThan(4_000);
    expect(result).toMatchObject({ kind: "registered", decision: "allow" });
    if (result.kind !== "registered") return;
    const record = await evaluationRecord(result.evaluationRecordId);
    expect(record).toMatchObject({
      stripeId: null,
      decision: "allow",
      outcome: "allowed",
      reportStatus: "none",
    });
    expect(record.unavailableReason).toMatch(/timed out|timeout|connection/i);
  });

  it.each([500, 503, 429])("registers when the evaluation answers %i", async (status) => {
    await emulator.api.injectFault({
      path: "/v1/radar/customer_evaluations",
      status,
      method: "POST",
    });
    const result = await register(await registrationForm(newDevice()));
    expect(result).toMatchObject({ kind: "registered", decision: "allow" });
    if (result.kind !== "registered") return;
    const record = await evaluationRecord(result.evaluationRecordId);
    expect(record.unavailableReason).toContain(`HTTP ${status}`);
  });

  it("registers when the connection drops during the evaluation", async () => {
    // stripe-node sends a request whose connection closed once more, whatever its retry setting.
    await emulator.api.injectFault({
      path: "/v1/radar/customer_evaluations",
      method: "POST",
      drop: true,
      count: 2,
    });
    const result = await register(await registrationForm(newDevice()));
    expect(result).toMatchObject({ kind: "registered", decision: "allow" });
    if (result.kind !== "registered") return;
    const record = await evaluationRecord(result.evaluationRecordId);
    expect(record).toMatchObject({ stripeId: null, refusedReason: null });
    expect(record.unavailableReason).toMatch(/StripeConnectionError/);
  });

  it("registers when Stripe cannot create the customer, and creates it at the next log-in", async () => {
    await emulator.api.injectFault({ path: "/v1/customers", status: 500, method: "POST" });
    const form = await registrationForm(newDevice());
    const result = await register(form);
    expect(result).toMatchObject({ kind: "registered", decision: "allow" });
    const saved = await app.prisma.user.findUniqueOrThrow({ where: { email: form.email } });
    expect(saved.stripeCustomerId).toBeNull();

    await emulator.api.clearFaults();
    const login = await logInUser(app.services, await loginForm(form.email, newDevice(), "UTC"), {
      clientIp: "10.0.0.9",
    });
    expect(login.kind).toBe("signed_in");
    const after = await app.prisma.user.findUniqueOrThrow({ where: { email: form.email } });
    expect(after.stripeCustomerId).toMatch(/^cus_/);
  });

  it("keeps a report that could not be sent and delivers it later", async () => {
    // Only report calls (/v1/radar/customer_evaluations/cuseval_.../report) fail.
    await emulator.api.injectFault({
      path: "/v1/radar/customer_evaluations/cuseval_",
      status: 503,
    });
    const result = await register(await registrationForm(newDevice()));
    if (result.kind !== "registered") throw new Error(`unexpected ${result.kind}`);
    const pending = await evaluationRecord(result.evaluationRecordId);
    expect(pending).toMatchObject({ outcome: "allowed", reportStatus: "pending" });
    expect(pending.reportError).toMatch(
      /^HTTP 503 \w+: .*\(Injected 503 by the Stripe emulator\.\)$/,
    );

    await emulator.api.clearFaults();
    // Retries back off: the report is due again a little later.
    const later = new Date(Date.now() + 60 * 60_000);
    expect(
      await sendPendingReports(app.prisma, app.services.radar, { now: later }),
    ).toBeGreaterThanOrEqual(1);
    const delivered = await evaluationRecord(result.evaluationRecordId);
    expect(delivered.reportStatus).toBe("reported");
    const evaluation = await emulator.api.retrieve(
      `/v1/radar/customer_evaluations/${delivered.stripeId}`,
    );
    expect(evaluation.events).toEqual([expect.objectContaining({ type: "allowed" })]);
  });

  describe("log-in", () => {
    const password = "correct horse battery";
    let email: string;
    let homeDevice: string;

    beforeAll(async () => {
      homeDevice = newDevice();
      const form = await registrationForm(homeDevice);
      email = form.email;
      await register(form);
    });

    it("signs in with the right password and reports login_success on the same customer", async () => {
      const result = await logInUser(
        app.services,
        await loginForm(email, homeDevice, "Europe/Paris"),
        { clientIp: "10.0.0.1" },
      );
      expect(result).toMatchObject({ kind: "signed_in", decision: "allow" });
      if (result.kind !== "signed_in") return;
      const record = await evaluationRecord(result.evaluationRecordId);
      const user = await app.prisma.user.findUniqueOrThrow({ where: { email } });
      expect(record).toMatchObject({
        eventType: "login",
        signal: "account_sharing",
        riskLevel: "normal",
        stripeCustomerId: user.stripeCustomerId,
        outcome: "allowed",
        reportStatus: "reported",
      });
      const evaluation = await emulator.api.retrieve(
        `/v1/radar/customer_evaluations/${record.stripeId}`,
      );
      expect(evaluation).toMatchObject({ event_type: "login", customer: user.stripeCustomerId });
    });

    it("signs the browser in beside the last writes, and not on a wrong password", async () => {
      const order: string[] = [];
      const signIn = vi.fn(async (userId: string) => {
        order.push(`sign-in ${userId}`);
      });
      const logIn = async (password?: string) =>
        logInUser(
          noting(order),
          await loginForm(email, homeDevice, "Europe/Paris", password),
          { clientIp: "10.0.0.31" },
          { deviceId: homeDevice, signIn },
        );
      expect(await logIn("wrong password!")).toEqual({ kind: "wrong_credentials" });
      expect(signIn).not.toHaveBeenCalled();
      order.length = 0;

      const result = await logIn();
      if (result.kind !== "signed_in") throw new Error(`unexpected ${result.kind}`);
      expect(order).toEqual([`sign-in ${result.userId}`, "outcome saved"]);
    });

    it("rejects a wrong password with a generic result, recorded as refused but not scored", async () => {
      const result = await logInUser(
        app.services,
        await loginForm(email, homeDevice, "Europe/Paris", "wrong password!"),
        { clientIp: "10.0.0.2" },
      );
      expect(result).toEqual({ kind: "wrong_credentials" });
      const [record] = await app.prisma.customerEvaluation.findMany({
        where: { email, outcome: "refused" },
      });
      // A stranger's guess is not one of the account's devices: Radar never sees it.
      expect(record).toMatchObject({ stripeId: null, unavailableReason: "Wrong password" });
    });

    it("gives an unknown email the same result, with an evaluation record but no Stripe call", async () => {
      const unknown = uniqueEmail("nobody");
      const result = await logInUser(app.services, await loginForm(unknown, newDevice(), "UTC"), {
        clientIp: "10.0.0.3",
      });
      expect(result).toEqual({ kind: "wrong_credentials" });
      const [record] = await app.prisma.customerEvaluation.findMany({
        where: { email: unknown },
      });
      expect(record).toMatchObject({ stripeId: null, userId: null, outcome: "refused" });
    });

    it("answers an unknown Radar Session the same for a registered and an unknown email", async () => {
      const forged = () => `rse_${randomUUID().replaceAll("-", "")}`;
      const known = await logInUser(
        app.services,
        { email, password: "wrong password!", radar_session: forged() },
        { clientIp: "10.0.0.21" },
      );
      const unknown = await logInUser(
        app.services,
        { email: uniqueEmail("nobody"), password: "wrong password!", radar_session: forged() },
        { clientIp: "10.0.0.21" },
      );
      expect(known).toEqual({ kind: "wrong_credentials" });
      expect(unknown).toEqual(known);
    });

    it("spends about as long on an unknown email as on a wrong password", async () => {
      const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1] ?? 0;
      // As on the server, the outcome report goes after the response, not in the time measured.
      const afterwards: Promise<void>[] = [];
      const served = {
        ...app.services,
        afterResponse: (work: () => Promise<void>) => {
          afterwards.push(work());
          return Promise.resolve();
        },
      };
      const timed = async (loginEmail: string) => {
        const startedAt = performance.now();
        await logInUser(
          served,
          { email: loginEmail, password: "wrong password!" },
          { clientIp: "10.0.0.24" },
        );
        return performance.now() - startedAt;
      };
      // Evaluations as slow as Stripe's can be, so the gap they would leave is plain to see.
      await emulator.api.injectFault({ path: "/v1/radar/customer_evaluations", latency_ms: 150 });
      try {
        // The app learns how long evaluations take from the last few it made.
        for (let i = 0; i < 12; i++) await register(await registrationForm(newDevice()));
        const known: number[] = [];
        const unknown: number[] = [];
        for (let round = 0; round < 8; round++) {
          // Fresh accounts: the per-email limit would otherwise cut the wrong passwords short.
          const form = await registrationForm(newDevice());
          await register(form);
          known.push(await timed(form.email));
          unknown.push(await timed(uniqueEmail("nobody")));
        }
        console.log(
          `log-in median: wrong password ${median(known).toFixed(1)} ms, unknown email ${median(unknown).toFixed(1)} ms`,
        );
        // Both hash once (the unknown email against a decoy); the unknown email also waits as long
        // as an evaluation usually takes. Without that wait it took a quarter as long.
        expect(median(unknown)).toBeGreaterThan(median(known) * 0.75);
      } finally {
        await emulator.api.clearFaults();
      }
      await Promise.all(afterwards);
    });

    it("reviews a log-in whose Radar Session was stripped", async () => {
      const result = await logInUser(app.services, { email, password }, { clientIp: "10.0.0.22" });
      expect(result).toMatchObject({ kind: "signed_in", decision: "review" });
    });

    it("refuses another account's log-in Radar Session, whether or not the email exists", async () => {
      const session = await emulator.api.createRadarSession({ deviceId: homeDevice });
      await logInUser(
        app.services,
        { email, password, radar_session: session },
        { clientIp: "10.0.0.23" },
      );
      for (const other of [uniqueEmail("nobody"), uniqueEmail("someone")]) {
        expect(
          await logInUser(
            app.services,
            { email: other, password: "guess", radar_session: session },
            { clientIp: "10.0.0.23" },
          ),
        ).toMatchObject({ kind: "invalid", fieldErrors: { radar_session: expect.any(String) } });
      }
    });

    it("climbs to review and then blocks as more devices share the account", async () => {
      const form = await registrationForm(newDevice());
      await register(form);
      const laptop = newDevice();
      const phone = newDevice();
      const tablet = newDevice();
      const results = [];
      for (const [device, timezone] of [
        [laptop, "Europe/Paris"],
        [phone, "America/New_York"],
        [tablet, "Asia/Tokyo"],
      ] as const) {
        results.push(
          await logInUser(app.services, await loginForm(form.email, device, timezone), {
            clientIp: "10.0.0.4",
          }),
        );
      }
      expect(results.map((r) => r.kind)).toEqual(["signed_in", "signed_in", "blocked"]);
      expect(results[0]).toMatchObject({ decision: "allow" });
      expect(results[1]).toMatchObject({ decision: "review" });
      const user = await app.prisma.user.findUniqueOrThrow({ where: { email: form.email } });
      expect(user.needsReview).toBe(true);

      const blocked = results[2];
      if (blocked?.kind !== "blocked") return;
      const record = await evaluationRecord(blocked.evaluationRecordId);
      expect(record).toMatchObject({
        riskLevel: "highest",
        decision: "block",
        outcome: "blocked",
        reportStatus: "reported",
      });
    });

    it("signs in when the evaluation is unavailable", async () => {
      await emulator.api.injectFault({ path: "/v1/radar/customer_evaluations", drop: true });
      const result = await logInUser(
        app.services,
        await loginForm(email, homeDevice, "Europe/Paris"),
        { clientIp: "10.0.0.5" },
      );
      expect(result).toMatchObject({ kind: "signed_in", decision: "allow" });
    });

    it("throttles an email after five failures, even with the right password", async () => {
      const form = await registrationForm(newDevice());
      await register(form);
      for (let attempt = 0; attempt < 5; attempt++) {
        const result = await logInUser(
          app.services,
          { email: form.email, password: "not the password" },
          { clientIp: `10.1.0.${attempt}` },
        );
        expect(result.kind).toBe("wrong_credentials");
      }
      const locked = await logInUser(
        app.services,
        { email: form.email, password },
        { clientIp: "10.1.0.99" },
      );
      expect(locked.kind).toBe("throttled");
      if (locked.kind === "throttled") expect(locked.retryAfterMs).toBeGreaterThan(0);
    });

    it("checks at most five of thirty simultaneous wrong passwords for one email", async () => {
      const form = await registrationForm(newDevice());
      await register(form);
      vi.mocked(verifyPassword).mockClear();
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, attempt) =>
          logInUser(
            app.services,
            { email: form.email, password: "not the password" },
            { clientIp: `10.3.0.${attempt}` },
          ),
        ),
      );
      expect(results.filter((result) => result.kind === "wrong_credentials")).toHaveLength(5);
      expect(results.filter((result) => result.kind === "throttled")).toHaveLength(25);
      const checked = await app.prisma.customerEvaluation.count({
        where: { email: form.email, eventType: "login" },
      });
      expect(checked).toBe(5);
      // The throttled ones never reached the password.
      expect(verifyPassword).toHaveBeenCalledTimes(5);
    });

    it("throttles an IP after twenty failures across emails", async () => {
      const ip = `10.2.${Math.floor(Math.random() * 250)}.1`;
      for (let attempt = 0; attempt < 20; attempt++) {
        await logInUser(
          app.services,
          { email: uniqueEmail("spray"), password: "guess" },
          { clientIp: ip },
        );
      }
      const result = await logInUser(app.services, { email, password }, { clientIp: ip });
      expect(result.kind).toBe("throttled");
    });

    it("does not count successful log-ins against the IP", async () => {
      const ip = `10.4.${Math.floor(Math.random() * 250)}.1`;
      for (let attempt = 0; attempt < 25; attempt++) {
        const result = await logInUser(app.services, { email, password }, { clientIp: ip });
        expect(result.kind).toBe("signed_in");
      }
    });
  });
});
