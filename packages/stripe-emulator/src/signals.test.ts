import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Stripe from "stripe";
import StripePreview from "stripe-v2-preview";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emulatorApi } from "./emulator-api.ts";
import { startTestEmulator, type TestEmulator } from "./testing/in-process.ts";
import { waitFor } from "./testing/wait-for.ts";

const SIGNALS_VERSION = "2026-08-26.preview";

interface Delivery {
  body: string;
  signature: string;
}

/** The app's side of event delivery: an endpoint that records what it is sent. */
async function startReceiver(): Promise<{ url: string; deliveries: Delivery[]; server: Server }> {
  const deliveries: Delivery[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    deliveries.push({
      body: Buffer.concat(chunks).toString("utf8"),
      signature: String(request.headers["stripe-signature"] ?? ""),
    });
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/webhooks`, deliveries, server };
}

describe("v2 Signals", () => {
  let emu: TestEmulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  /** The public-preview SDK, pinned to 2026-08-26.preview. */
  let preview: StripePreview;
  let devices = 0;

  beforeAll(async () => {
    receiver = await startReceiver();
    emu = await startTestEmulator({
      webhook: { url: receiver.url, events: ["*"] },
      signalsDelayMs: 30,
    });
    preview = new StripePreview("sk_test_emulator", {
      host: "127.0.0.1",
      port: emu.port,
      protocol: "http",
    });
  });
  afterAll(async () => {
    await emu.close();
    await new Promise((resolve) => receiver.server.close(resolve));
  });
  beforeEach(() => setCompletionDelay(30));

  async function setCompletionDelay(delay_ms: number | null): Promise<void> {
    const api = emulatorApi(emu.url, emu.controlToken);
    expect(await api.setSignalsCompletionDelay(delay_ms)).toEqual({ delay_ms });
  }

  async function radarSession(deviceId = `v2-device-${++devices}`, ip?: string): Promise<string> {
    const response = await emu.request("POST", "/v1/radar/session", `device_id=${deviceId}`, {
      Authorization: "Bearer pk_test_emulator",
      ...(ip ? { "X-Forwarded-For": ip } : {}),
    });
    return String(response.json.id);
  }

  async function customer(): Promise<string> {
    const created = await emu.stripe.customers.create({ email: `v2-${++devices}@example.com` });
    return created.id;
  }

  function evaluateRegistration(customerId: string, session: string) {
    return preview.v2.signals.accountEvaluations.create({
      account_details: { customer: customerId },
      requested_signals: ["user_multi_accounting"],
      account_activity_details: {
        data: {
          type: "registration_attempt",
          registration_attempt: { client_details: { radar_session: session } },
        },
      },
    });
  }

  function evaluateLogin(customerId: string, session: string) {
    return preview.v2.signals.accountEvaluations.create({
      account_details: { customer: customerId },
      requested_signals: ["user_account_sharing"],
      account_activity_details: {
        data: {
          type: "login_attempt",
          login_attempt: { client_details: { radar_session: session } },
        },
      },
    });
  }

  /** The evaluation once its complete event has arrived. */
  async function completed(id: string) {
    await waitFor(() =>
      receiver.deliveries.find((delivery) => delivery.body.includes(`"id":"${id}"`)),
    );
    return preview.v2.signals.accountEvaluations.retrieve(id);
  }

  async function levelOf(
    evaluation: { id: string },
    signal: "user_multi_accounting" | "user_account_sharing",
  ): Promise<string | undefined> {
    return (await completed(evaluation.id)).evaluated_signals?.[signal]?.risk_level;
  }

  describe("through the public-preview SDK stripe@22.7.0-beta.1", () => {
    it("creates an evaluation that is pending, then evaluated", async () => {
      const evaluation = await evaluateRegistration(await customer(), await radarSession());
      expect(evaluation).toMatchObject({
        object: "v2.signals.account_evaluation",
        livemode: false,
        requested_signals: ["user_multi_accounting"],
        pending_signals: ["user_multi_accounting"],
      });
      expect(evaluation.id).toMatch(/^acctevl_/);
      expect(evaluation.evaluated_signals).toBeUndefined();
      expect(evaluation.account_activity_details?.account_activity).toMatch(/^accact_/);
      expect(new Date(evaluation.created).toISOString()).toBe(evaluation.created);

      const done = await completed(evaluation.id);
      expect(done.pending_signals).toEqual([]);
      const signal = done.evaluated_signals?.user_multi_accounting;
      expect(signal?.risk_level).toBe("normal");
      expect(signal?.signal).toMatch(/^acctsig_/);
      expect(String(signal?.score)).toMatch(/^\d+(\.\d+)?$/);
      expect(signal?.evaluated_at && Date.parse(signal.evaluated_at)).toBeGreaterThan(0);

      const raw = await emu.request(
        "GET",
        `/v2/signals/account_evaluations/${evaluation.id}`,
        undefined,
        { "Stripe-Version": SIGNALS_VERSION },
      );
      const rawSignal = (raw.json.evaluated_signals as Record<string, { score: unknown }>)
        .user_multi_accounting;
      expect(rawSignal?.score).toMatch(/^\d{1,3}\.\d{2}$/);
    });

    it("creates, retrieves and deletes account activities", async () => {
      const customerId = await customer();
      const evaluation = await evaluateRegistration(customerId, await radarSession());
      const decision = await preview.v2.signals.accountActivities.create({
        type: "registration_decision",
        account_evaluation: evaluation.id,
        registration_decision: { status: "blocked" },
      });
      expect(decision).toMatchObject({
        object: "v2.signals.account_activity",
        type: "registration_decision",
        account_evaluation: evaluation.id,
        registration_decision: { status: "blocked" },
        livemode: false,
      });
      expect(decision.id).toMatch(/^accact_/);
      const retrieved = await preview.v2.signals.accountActivities.retrieve(decision.id);
      expect(retrieved).toMatchObject({ id: decision.id, occurred_at: decision.occurred_at });

      const attempt = await preview.v2.signals.accountActivities.create({
        type: "login_attempt",
        account_details: { customer: customerId },
        occurred_at: "2026-12-01T10:00:00.000Z",
        login_attempt: {
          client_details: { data: { ip: "203.0.113.40", user_agent: "Firefox/150" } },
        },
      });
      expect(attempt.occurred_at).toBe("2026-12-01T10:00:00.000Z");
      await preview.v2.signals.accountActivities.del(attempt.id);
      await expect(preview.v2.signals.accountActivities.retrieve(attempt.id)).rejects.toMatchObject(
        { type: "StripeInvalidRequestError", statusCode: 404 },
      );
    });

    it("reports a decision once, and only on an evaluation of the same kind", async () => {
      const evaluation = await evaluateRegistration(await customer(), await radarSession());
      await expect(
        preview.v2.signals.accountActivities.create({
          type: "login_decision",
          account_evaluation: evaluation.id,
          login_decision: { status: "allowed" },
        }),
      ).rejects.toMatchObject({ statusCode: 400 });
      await preview.v2.signals.accountActivities.create({
        type: "registration_decision",
        account_evaluation: evaluation.id,
        registration_decision: { status: "allowed" },
      });
      await expect(
        preview.v2.signals.accountActivities.create({
          type: "registration_decision",
          account_evaluation: evaluation.id,
          registration_decision: { status: "blocked" },
        }),
      ).rejects.toMatchObject({ statusCode: 400 });
    });
  });

  it("logs v2 request bodies as the JSON they are", async () => {
    const evaluation = await evaluateRegistration(await customer(), await radarSession());
    const { data } = (await emulatorApi(emu.url, emu.controlToken).requests(
      "/v2/signals/account_evaluations",
    )) as { data: Array<{ body: unknown; response: { id?: string } }> };
    const logged = data.find((entry) => entry.response.id === evaluation.id);
    expect(logged?.body).toMatchObject({
      requested_signals: ["user_multi_accounting"],
      account_activity_details: { data: { type: "registration_attempt" } },
    });
  });

  describe("through stripe@23's rawRequest (JSON on /v2 paths)", () => {
    it("creates and retrieves an evaluation", async () => {
      const session = await radarSession();
      const created = (await emu.stripe.rawRequest(
        "POST",
        "/v2/signals/account_evaluations",
        {
          account_details: { customer: await customer() },
          requested_signals: ["user_account_sharing"],
          account_activity_details: {
            data: {
              type: "login_attempt",
              login_attempt: { client_details: { radar_session: session } },
            },
          },
        },
        { apiVersion: SIGNALS_VERSION },
      )) as unknown as { id: string; pending_signals: string[] };
      expect(created.pending_signals).toEqual(["user_account_sharing"]);
      await completed(created.id);
      const retrieved = (await emu.stripe.rawRequest(
        "GET",
        `/v2/signals/account_evaluations/${created.id}`,
        {},
        { apiVersion: SIGNALS_VERSION },
      )) as unknown as { evaluated_signals: { user_account_sharing: { score: string } } };
      expect(typeof retrieved.evaluated_signals.user_account_sharing.score).toBe("string");
    });
  });

  describe("the complete event", () => {
    it("is a thin event, signed, that stripe-node parses and follows", async () => {
      const evaluation = await evaluateRegistration(await customer(), await radarSession());
      const delivery = await waitFor(() =>
        receiver.deliveries.find((d) => d.body.includes(`"id":"${evaluation.id}"`)),
      );
      const notification = emu.stripe.parseEventNotification(
        delivery.body,
        delivery.signature,
        emu.webhookSecret,
      );
      expect(notification).toMatchObject({
        object: "v2.core.event",
        type: "v2.signals.account_evaluation.complete",
        livemode: false,
        related_object: {
          id: evaluation.id,
          type: "v2.signals.account_evaluation",
          url: `/v2/signals/account_evaluations/${evaluation.id}`,
        },
      });
      expect(notification.id).toMatch(/^evt_/);
      expect(() =>
        emu.stripe.parseEventNotification(delivery.body, delivery.signature, "whsec_wrong"),
      ).toThrow();

      const previewNotification = preview.parseEventNotification(
        delivery.body,
        delivery.signature,
        emu.webhookSecret,
      );
      if (previewNotification.type !== "v2.signals.account_evaluation.complete") {
        throw new Error(`unexpected ${previewNotification.type}`);
      }
      const event = await previewNotification.fetchEvent();
      expect(event).toMatchObject({ id: notification.id, type: notification.type });
      const related = await previewNotification.fetchRelatedObject();
      expect(related.id).toBe(evaluation.id);
      expect(related.pending_signals).toEqual([]);
    });

    it("never comes while completions are held, and comes after the delay set", async () => {
      await setCompletionDelay(null);
      const held = await evaluateRegistration(await customer(), await radarSession());
      await new Promise((resolve) => setTimeout(resolve, 300));
      const still = await preview.v2.signals.accountEvaluations.retrieve(held.id);
      expect(still.pending_signals).toEqual(["user_multi_accounting"]);
      expect(receiver.deliveries.some((d) => d.body.includes(held.id))).toBe(false);

      await setCompletionDelay(400);
      const slow = await evaluateRegistration(await customer(), await radarSession());
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(
        (await preview.v2.signals.accountEvaluations.retrieve(slow.id)).pending_signals,
      ).toEqual(["user_multi_accounting"]);
      expect((await completed(slow.id)).pending_signals).toEqual([]);
    });
  });

  describe("JSON validation: v2 errors", () => {
    const post = (body: unknown, version: string | null = SIGNALS_VERSION) =>
      fetch(`${emu.url}/v2/signals/account_evaluations`, {
        method: "POST",
        headers: {
          Authorization: "Bearer sk_test_emulator",
          "Content-Type": "application/json",
          ...(version ? { "Stripe-Version": version } : {}),
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }).then(async (response) => ({
        status: response.status,
        error: ((await response.json()) as { error: Record<string, unknown> }).error,
      }));

    it.each([
      [
        "an unknown field",
        {
          account_details: { customer: "cus_x" },
          requested_signals: ["user_multi_accounting"],
          extra: 1,
        },
        "Unknown field: extra",
      ],
      ["a missing required field", { account_details: { account: "acct_1" } }, "requested_signals"],
      [
        "a wrong JSON type",
        { account_details: { account: "acct_1" }, requested_signals: "user_multi_accounting" },
        "expected an array",
      ],
      [
        "an unknown nested field",
        {
          account_details: { account: "acct_1" },
          requested_signals: ["user_multi_accounting"],
          account_activity_details: {
            data: {
              type: "registration_attempt",
              registration_attempt: { client_details: { radar_session: "rse_x", device: "d" } },
            },
          },
        },
        "account_activity_details.data.registration_attempt.client_details.device",
      ],
      ["a body that is not JSON", "requested_signals=user_multi_accounting", "not valid JSON"],
    ])("refuses %s with invalid_fields", async (_, body, said) => {
      const { status, error } = await post(body);
      expect(status).toBe(400);
      expect(error).toMatchObject({ type: "invalid_request_error", code: "invalid_fields" });
      expect(String(error.message)).toContain(said);
      expect(error).not.toHaveProperty("doc_url");
    });

    it("raises StripeInvalidRequestError in both SDKs", async () => {
      const bad = { account_details: { account: "acct_1" }, requested_signals: ["user_trust"] };
      await expect(
        preview.v2.signals.accountEvaluations.create(
          bad as unknown as StripePreview.V2.Signals.AccountEvaluationCreateParams,
        ),
      ).rejects.toBeInstanceOf(StripePreview.errors.StripeInvalidRequestError);
      await expect(
        emu.stripe.rawRequest("POST", "/v2/signals/account_evaluations", bad, {
          apiVersion: SIGNALS_VERSION,
        }),
      ).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      await expect(
        preview.v2.signals.accountEvaluations.retrieve("acctevl_missing"),
      ).rejects.toMatchObject({ statusCode: 404, code: "resource_missing" });
    });

    it("names an unknown customer or Radar Session", async () => {
      const { status, error } = await post({
        account_details: { customer: "cus_missing" },
        requested_signals: ["user_multi_accounting"],
      });
      expect(status).toBe(400);
      expect(error).toMatchObject({
        code: "resource_missing",
        message: "No such customer: 'cus_missing'",
      });
    });
  });

  describe("preview versions only", () => {
    const endpoints: Array<[string, string]> = [
      ["POST", "/v2/signals/account_evaluations"],
      ["GET", "/v2/signals/account_evaluations/acctevl_x"],
      ["POST", "/v2/signals/account_activity"],
      ["GET", "/v2/signals/account_activity/accact_x"],
      ["DELETE", "/v2/signals/account_activity/accact_x"],
      ["GET", "/v2/signals/account_signals/acctsig_x"],
    ];
    it.each([null, "2026-10-28.endive", "2026-08-12.preview"])(
      "refuses %s on every Signals endpoint",
      async (version) => {
        for (const [method, path] of endpoints) {
          const response = await fetch(emu.url + path, {
            method,
            headers: {
              Authorization: "Bearer sk_test_emulator",
              "Content-Type": "application/json",
              ...(version ? { "Stripe-Version": version } : {}),
            },
            body: method === "POST" ? "{}" : undefined,
          });
          const { error } = (await response.json()) as { error: { type: string; message: string } };
          expect(response.status, `${method} ${path}`).toBe(400);
          expect(error.type).toBe("invalid_request_error");
          expect(error.message).toContain("2026-08-26.preview");
        }
      },
    );

    it("refuses the account's default version through stripe@23's own pin", async () => {
      await expect(
        emu.stripe.rawRequest("GET", "/v2/signals/account_evaluations/acctevl_x", {}),
      ).rejects.toMatchObject({
        statusCode: 400,
        message: expect.stringContaining("2026-10-28.endive"),
      });
    });
  });

  describe("the risk model's story over v2", () => {
    it("three registrations from one device: normal, elevated, highest", async () => {
      const session = await radarSession("shared-signup-browser");
      const levels: Array<string | undefined> = [];
      for (let i = 0; i < 3; i++) {
        const evaluation = await evaluateRegistration(await customer(), session);
        levels.push(await levelOf(evaluation, "user_multi_accounting"));
        await preview.v2.signals.accountActivities.create({
          type: "registration_decision",
          account_evaluation: evaluation.id,
          registration_decision: { status: i === 0 ? "allowed" : "blocked" },
        });
      }
      expect(levels).toEqual(["normal", "elevated", "highest"]);
    });

    it("a shared account climbs: one device normal, a second elsewhere elevated, a third highest", async () => {
      const owner = await customer();
      const levels: Array<string | undefined> = [];
      for (const [device, ip] of [
        ["home-laptop", "198.51.100.1"],
        ["friend-phone", "203.0.113.7"],
        ["stranger-tablet", "192.0.2.99"],
      ] as const) {
        const evaluation = await evaluateLogin(owner, await radarSession(`${device}-${owner}`, ip));
        levels.push(await levelOf(evaluation, "user_account_sharing"));
      }
      expect(levels).toEqual(["normal", "elevated", "highest"]);
    });

    it("is one model: a v1 registration and a v2 registration from one device see each other", async () => {
      const session = await radarSession("both-generations");
      const v1 = await emu.request(
        "POST",
        "/v1/radar/customer_evaluations",
        new URLSearchParams({
          event_type: "registration",
          "evaluation_context[0][type]": "client_details",
          "evaluation_context[0][client_details][radar_session]": session,
          "evaluation_context[1][type]": "customer_details",
          "evaluation_context[1][customer_details][customer]": await customer(),
        }).toString(),
        { "Stripe-Version": "2026-03-04.preview" },
      );
      expect(v1.status).toBe(200);
      const evaluation = await evaluateRegistration(await customer(), session);
      expect(await levelOf(evaluation, "user_multi_accounting")).toBe("elevated");
    });

    it("inline account data stays entity-less until a registration decision names the customer", async () => {
      const session = await radarSession("inline-signups");
      const evaluate = () =>
        preview.v2.signals.accountEvaluations.create({
          account_details: {
            data: { defaults: { profile: { business_url: "https://shop.example" } } },
          },
          requested_signals: ["user_multi_accounting"],
          account_activity_details: {
            data: {
              type: "registration_attempt",
              registration_attempt: { client_details: { radar_session: session } },
            },
          },
        });
      const first = await evaluate();
      const created = await customer();
      await preview.v2.signals.accountActivities.create({
        type: "registration_decision",
        account_evaluation: first.id,
        account_details: { customer: created },
        registration_decision: { status: "allowed" },
      });
      const second = await evaluate();
      expect(await levelOf(first, "user_multi_accounting")).toBe("normal");
      expect(await levelOf(second, "user_multi_accounting")).toBe("elevated");
      const explained = await fetch(`${emu.url}/_emulator/explain/${second.id}`, {
        headers: emu.controlHeaders,
      }).then((response) => response.json() as Promise<Record<string, unknown>>);
      expect(explained).toMatchObject({
        object: "v2.signals.account_evaluation",
        signals: { user_multi_accounting: { risk_level: "elevated" } },
      });
    });

    it("scores client data without a Radar Session, and nothing to assess as unknown", async () => {
      const withData = await preview.v2.signals.accountEvaluations.create({
        account_details: { customer: await customer() },
        requested_signals: ["user_multi_accounting", "user_account_sharing"],
        account_activity_details: {
          data: {
            type: "registration_attempt",
            registration_attempt: {
              client_details: { data: { ip: "192.0.2.10", user_agent: "UA/1" } },
            },
          },
        },
      });
      const done = await completed(withData.id);
      expect(done.evaluated_signals?.user_multi_accounting?.risk_level).toBe("normal");
      expect(done.evaluated_signals?.user_account_sharing?.risk_level).toBe("normal");

      const nothing = await preview.v2.signals.accountEvaluations.create({
        account_details: { customer: await customer() },
        requested_signals: ["user_multi_accounting"],
      });
      const unknown = (await completed(nothing.id)).evaluated_signals?.user_multi_accounting;
      expect(unknown?.risk_level).toBe("unknown");
      expect(unknown?.score).toBeUndefined();
    });
  });
});

describe("v2 Signals across a restart", () => {
  it("completes a pending evaluation after it, and its registration still counts", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "stripe-emulator-signals-"));
    const registration = async (emu: TestEmulator, deviceId: string) => {
      const session = await emu.request("POST", "/v1/radar/session", `device_id=${deviceId}`, {
        Authorization: "Bearer pk_test_emulator",
      });
      const customer = await emu.stripe.customers.create({
        email: `${deviceId}-${Date.now()}@example.com`,
      });
      const preview = new StripePreview("sk_test_emulator", {
        host: "127.0.0.1",
        port: emu.port,
        protocol: "http",
      });
      const evaluation = await preview.v2.signals.accountEvaluations.create({
        account_details: { customer: customer.id },
        requested_signals: ["user_multi_accounting"],
        account_activity_details: {
          data: {
            type: "registration_attempt",
            registration_attempt: { client_details: { radar_session: String(session.json.id) } },
          },
        },
      });
      return { preview, evaluation };
    };

    const first = await startTestEmulator({ dataDir, signalsDelayMs: 300 });
    const { evaluation } = await registration(first, "restarted-device");
    await first.close();

    const second = await startTestEmulator({ dataDir, signalsDelayMs: 0 });
    try {
      const { preview, evaluation: later } = await registration(second, "restarted-device");
      const resumed = await waitFor(async () => {
        const retrieved = await preview.v2.signals.accountEvaluations.retrieve(evaluation.id);
        return retrieved.pending_signals.length === 0 ? retrieved : undefined;
      });
      expect(resumed.evaluated_signals?.user_multi_accounting?.risk_level).toBe("normal");
      const done = await waitFor(async () => {
        const retrieved = await preview.v2.signals.accountEvaluations.retrieve(later.id);
        return retrieved.pending_signals.length === 0 ? retrieved : undefined;
      });
      expect(done.evaluated_signals?.user_multi_accounting?.risk_level).toBe("elevated");
    } finally {
      await second.close();
    }
  });
});
