import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./testing/in-process.ts";

/** The versions stripe-node's private-preview releases pinned (see the README). */
const SEEDS = "2026-03-04.preview";
const TYPE_OR_STATUS = "2026-04-22.preview";
const STATUS_ONLY = "2026-05-27.preview";
const CLIENT_DATA = "2026-06-10.preview";
const LATEST_PRIVATE = "2026-08-12.preview";

type Json = Record<string, unknown>;

describe("customer evaluations across preview generations", () => {
  let emu: TestEmulator;
  let device = 0;

  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.close());

  const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

  async function radarSession(): Promise<string> {
    const session = await emu.request("POST", "/v1/radar/session", `device_id=gen-${++device}`, {
      Authorization: "Bearer pk_test_emulator",
    });
    return String(session.json.id);
  }

  async function customer(): Promise<string> {
    const email = `gen-${++device}@example.com`;
    return String((await emu.request("POST", "/v1/customers", form({ email }))).json.id);
  }

  function call(version: string | null, method: string, path: string, body = "") {
    return emu.request(method, path, body, version ? { "Stripe-Version": version } : {});
  }

  async function registration(version: string, context: Record<string, string>): Promise<Json> {
    const response = await call(
      version,
      "POST",
      "/v1/radar/customer_evaluations",
      form({ event_type: "registration", ...context }),
    );
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    return response.json;
  }

  async function sessionRegistration(version: string): Promise<Json> {
    return registration(version, {
      "evaluation_context[0][type]": "client_details",
      "evaluation_context[0][client_details][radar_session]": await radarSession(),
      "evaluation_context[1][type]": "customer_details",
      "evaluation_context[1][customer_details][customer]": await customer(),
    });
  }

  const report = (version: string, id: string, params: Record<string, string>) =>
    call(version, "POST", `/v1/radar/customer_evaluations/${id}/report`, form(params));

  const errorOf = (json: Json) => json.error as { type: string; code?: string; message: string };

  it("speaks the current generation to stripe-node's rawRequest", async () => {
    const options = { apiVersion: LATEST_PRIVATE };
    const evaluation = (await emu.stripe.rawRequest(
      "POST",
      "/v1/radar/customer_evaluations",
      {
        event_type: "registration",
        evaluation_context: [
          {
            type: "client_details",
            client_details: { data: { ip: "192.0.2.80", user_agent: "UA/2" } },
          },
          {
            type: "customer_details",
            customer_details: { customer_data: { email: "node@example.com" } },
          },
        ],
      },
      options,
    )) as unknown as Json;
    expect(evaluation).toMatchObject({ customer: null, status: null });
    const created = await customer();
    const reported = (await emu.stripe.rawRequest(
      "POST",
      `/v1/radar/customer_evaluations/${evaluation.id}/report`,
      { status: "allowed", customer: created },
      options,
    )) as unknown as Json;
    expect(reported).toMatchObject({ customer: created, status: "allowed" });
    await expect(
      emu.stripe.rawRequest(
        "POST",
        `/v1/radar/customer_evaluations/${evaluation.id}/report`,
        { type: "registration_success" },
        options,
      ),
    ).rejects.toMatchObject({ type: "StripeInvalidRequestError", code: "parameter_unknown" });
  });

  describe("preview versions only", () => {
    it.each([
      [null, "sent no Stripe-Version header"],
      ["2026-10-28.endive", "used Stripe-Version 2026-10-28.endive"],
      ["2026-03-04", "used Stripe-Version 2026-03-04"],
      ["2026-01-28.preview", "used Stripe-Version 2026-01-28.preview"],
    ])("refuses %s on create, retrieve and report", async (version, said) => {
      const evaluation = await sessionRegistration(SEEDS);
      const id = String(evaluation.id);
      const calls = [
        call(version, "POST", "/v1/radar/customer_evaluations", "event_type=registration"),
        call(version, "GET", `/v1/radar/customer_evaluations/${id}`),
        call(version, "POST", `/v1/radar/customer_evaluations/${id}/report`, "status=allowed"),
      ];
      for (const response of await Promise.all(calls)) {
        expect(response.status).toBe(400);
        expect(errorOf(response.json).type).toBe("invalid_request_error");
        expect(errorOf(response.json).message).toContain(said);
        expect(errorOf(response.json).message).toContain("2026-03-04.preview");
      }
      const reread = await call(SEEDS, "GET", `/v1/radar/customer_evaluations/${id}`);
      expect(reread.json.events).toBeNull();
    });
  });

  describe("the seeds' version: type", () => {
    it("reports with type and shows no status", async () => {
      const evaluation = await sessionRegistration(SEEDS);
      expect(evaluation).not.toHaveProperty("status");
      const reported = await report(SEEDS, String(evaluation.id), { type: "registration_success" });
      expect(reported.status).toBe(200);
      expect(reported.json).not.toHaveProperty("status");
      expect(reported.json.events).toEqual([
        {
          type: "registration_success",
          occurred_at: expect.any(Number),
          login_failed: null,
          registration_failed: null,
        },
      ]);
    });

    it("refuses status, customer and client_details.data", async () => {
      const evaluation = await sessionRegistration(SEEDS);
      const attempts: Array<Record<string, string>> = [
        { status: "allowed" },
        { type: "registration_success", customer: "cus_x" },
      ];
      for (const params of attempts) {
        const refused = await report(SEEDS, String(evaluation.id), params);
        expect(refused.status).toBe(400);
        expect(errorOf(refused.json).code).toBe("parameter_unknown");
      }
      const withData = await call(
        SEEDS,
        "POST",
        "/v1/radar/customer_evaluations",
        form({
          event_type: "registration",
          "evaluation_context[0][type]": "client_details",
          "evaluation_context[0][client_details][data][ip]": "203.0.113.1",
        }),
      );
      expect(withData.status).toBe(400);
      expect(errorOf(withData.json).code).toBe("parameter_unknown");
    });
  });

  describe(`${TYPE_OR_STATUS}: type or status`, () => {
    it("takes type, and the object shows the status it amounts to", async () => {
      const evaluation = await sessionRegistration(TYPE_OR_STATUS);
      expect(evaluation.status).toBeNull();
      const reported = await report(TYPE_OR_STATUS, String(evaluation.id), {
        type: "registration_failed",
        "registration_failed[reason]": "suspected_multi_accounting",
      });
      expect(reported.json.status).toBe("blocked");
    });

    it("takes status, not both", async () => {
      const evaluation = await sessionRegistration(TYPE_OR_STATUS);
      const both = await report(TYPE_OR_STATUS, String(evaluation.id), {
        type: "registration_success",
        status: "allowed",
      });
      expect(both.status).toBe(400);
      const reported = await report(TYPE_OR_STATUS, String(evaluation.id), {
        status: "restricted",
      });
      expect(reported.status).toBe(200);
      expect(reported.json.status).toBe("restricted");
    });
  });

  describe(`${STATUS_ONLY} on: status and customer`, () => {
    it.each([STATUS_ONLY, LATEST_PRIVATE])("%s refuses type", async (version) => {
      const evaluation = await sessionRegistration(version);
      const refused = await report(version, String(evaluation.id), {
        type: "registration_success",
      });
      expect(refused.status).toBe(400);
      expect(errorOf(refused.json)).toMatchObject({ code: "parameter_unknown" });
      const allowed = await report(version, String(evaluation.id), { status: "allowed" });
      expect(allowed.json).toMatchObject({ status: "allowed", events: [{ type: "allowed" }] });
      const again = await report(version, String(evaluation.id), { status: "blocked" });
      expect(again.status).toBe(400);
    });

    it("requires status or customer, and status from the enum", async () => {
      const evaluation = await sessionRegistration(STATUS_ONLY);
      expect((await report(STATUS_ONLY, String(evaluation.id), {})).status).toBe(400);
      const bad = await report(STATUS_ONLY, String(evaluation.id), { status: "success" });
      expect(bad.status).toBe(400);
    });

    it("evaluates a registration from inline customer_data without a Customer, and the report attaches one", async () => {
      const before = await emu.request("GET", "/v1/customers?limit=100");
      const evaluation = await registration(STATUS_ONLY, {
        "evaluation_context[0][type]": "customer_details",
        "evaluation_context[0][customer_details][customer_data][email]": "inline@example.com",
        "evaluation_context[1][type]": "client_details",
        "evaluation_context[1][client_details][radar_session]": await radarSession(),
      });
      expect(evaluation.customer).toBeNull();
      const after = await emu.request("GET", "/v1/customers?limit=100");
      expect((after.json.data as unknown[]).length).toBe((before.json.data as unknown[]).length);

      const created = await customer();
      const reported = await report(STATUS_ONLY, String(evaluation.id), {
        status: "allowed",
        customer: created,
      });
      expect(reported.json).toMatchObject({ customer: created, status: "allowed" });
      const other = await report(STATUS_ONLY, String(evaluation.id), {
        customer: await customer(),
      });
      expect(other.status).toBe(400);
      const missing = await report(
        STATUS_ONLY,
        String((await sessionRegistration(STATUS_ONLY)).id),
        {
          customer: "cus_missing",
        },
      );
      expect(errorOf(missing.json).code).toBe("resource_missing");
    });

    it("counts inline registrations from one device: normal, elevated, highest", async () => {
      const session = await radarSession();
      const levels: string[] = [];
      for (const email of ["one@example.com", "two@example.com", "three@example.com"]) {
        const evaluation = await registration(STATUS_ONLY, {
          "evaluation_context[0][type]": "customer_details",
          "evaluation_context[0][customer_details][customer_data][email]": email,
          "evaluation_context[1][type]": "client_details",
          "evaluation_context[1][client_details][radar_session]": session,
        });
        const signals = evaluation.signals as { multi_accounting: { risk_level: string } };
        levels.push(signals.multi_accounting.risk_level);
        // Blocked registrations still count, as with the seeds' registration_failed.
        await report(STATUS_ONLY, String(evaluation.id), { status: "blocked" });
      }
      expect(levels).toEqual(["normal", "elevated", "highest"]);
    });
  });

  describe(`${CLIENT_DATA} on: client_details.data`, () => {
    const dataContext = (ip: string, userAgent?: string): Record<string, string> => ({
      "evaluation_context[0][type]": "client_details",
      "evaluation_context[0][client_details][data][ip]": ip,
      ...(userAgent
        ? { "evaluation_context[0][client_details][data][user_agent]": userAgent }
        : {}),
      "evaluation_context[0][client_details][data][referrer]": "https://shop.example/sign-up",
    });

    it("is refused before the version that added it", async () => {
      const refused = await call(
        STATUS_ONLY,
        "POST",
        "/v1/radar/customer_evaluations",
        form({ event_type: "registration", ...dataContext("203.0.113.2") }),
      );
      expect(errorOf(refused.json).code).toBe("parameter_unknown");
    });

    it("needs ip inside data, and radar_session or data", async () => {
      const noIp = await call(
        CLIENT_DATA,
        "POST",
        "/v1/radar/customer_evaluations",
        form({
          event_type: "registration",
          "evaluation_context[0][type]": "client_details",
          "evaluation_context[0][client_details][data][user_agent]": "UA",
        }),
      );
      expect(errorOf(noIp.json)).toMatchObject({ code: "parameter_missing" });
      expect(errorOf(noIp.json).message).toContain("[ip]");
      const neither = await call(
        CLIENT_DATA,
        "POST",
        "/v1/radar/customer_evaluations",
        form({ event_type: "registration", "evaluation_context[0][type]": "client_details" }),
      );
      expect(neither.status).toBe(400);
    });

    it("scores IP and User-Agent as a weaker device: review, never highest on its own", async () => {
      const levels: string[] = [];
      for (let i = 0; i < 4; i++) {
        const evaluation = await registration(CLIENT_DATA, {
          ...dataContext("198.51.100.7", "Mozilla/5.0 (X11; Linux x86_64) Firefox/150.0"),
          "evaluation_context[1][type]": "customer_details",
          "evaluation_context[1][customer_details][customer]": await customer(),
        });
        levels.push(
          (evaluation.signals as { multi_accounting: { risk_level: string } }).multi_accounting
            .risk_level,
        );
      }
      expect(levels).toEqual(["normal", "elevated", "elevated", "elevated"]);
      const other = await registration(CLIENT_DATA, {
        ...dataContext("198.51.100.7", "Mozilla/5.0 (Macintosh) Safari/20"),
        "evaluation_context[1][type]": "customer_details",
        "evaluation_context[1][customer_details][customer]": await customer(),
      });
      const signal = (other.signals as { multi_accounting: { risk_level: string } })
        .multi_accounting;
      expect(signal.risk_level).toBe("normal");
    });

    it("retrieves with the caller's shape", async () => {
      const evaluation = await registration(CLIENT_DATA, dataContext("192.0.2.44", "UA"));
      const id = String(evaluation.id);
      await report(CLIENT_DATA, id, { status: "allowed" });
      const current = await call(CLIENT_DATA, "GET", `/v1/radar/customer_evaluations/${id}`);
      expect(current.json).toMatchObject({ id, status: "allowed", customer: null });
      const seeds = await call(SEEDS, "GET", `/v1/radar/customer_evaluations/${id}`);
      expect(seeds.json).not.toHaveProperty("status");
      const missing = await call(CLIENT_DATA, "GET", "/v1/radar/customer_evaluations/cuseval_none");
      expect(missing.status).toBe(404);
    });
  });
});
