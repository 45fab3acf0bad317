import { describe, expect, it } from "vitest";
import {
  type CustomerEvaluationRecord,
  customerEvaluationJson,
  customerEvaluationObject,
  decodeCustomerEvaluation,
  encodeCustomerEvaluation,
} from "./customer-evaluation-record.ts";

describe("customer evaluation record", () => {
  const registration: CustomerEvaluationRecord = {
    id: "cuseval_1",
    event_type: "registration",
    created_at: 1_700_000_000,
    customer: "cus_1",
    score: 66,
    risk_level: "elevated",
    radar_session: "rse_1",
    status: null,
    client_device: null,
    identity: null,
    events: [
      {
        type: "registration_failed",
        occurred_at: 1_700_000_001,
        login_failed: null,
        registration_failed: { reason: "suspected_multi_accounting" },
      },
    ],
    inputs: {
      deviceAssessed: true,
      otherCustomersOnDevice: 1,
      otherCustomersOnIpOnly: 3,
      sameEmailCustomers: 0,
      samePhoneCustomers: 2,
      windowHours: 24,
      deviceFromClientData: false,
    },
  };

  it("round-trips registrations and logins", () => {
    expect(decodeCustomerEvaluation(encodeCustomerEvaluation(registration))).toEqual(registration);
    const login: CustomerEvaluationRecord = {
      ...registration,
      event_type: "login",
      events: null,
      inputs: {
        deviceAssessed: false,
        distinctDevices: 2,
        newLocation: true,
        hasCustomer: true,
        windowHours: 0.5,
        deviceFromClientData: true,
      },
    };
    expect(decodeCustomerEvaluation(encodeCustomerEvaluation(login))).toEqual(login);
  });

  it("round-trips the current generation's status, client device and inline identity", () => {
    const entityLess: CustomerEvaluationRecord = {
      ...registration,
      customer: null,
      radar_session: null,
      status: "blocked",
      client_device: { device: "ipua:0123", ip: "203.0.113.9", timezone: null, clientData: true },
      identity: { email: "ana@example.com", phone: null },
      inputs: { ...registration.inputs, deviceFromClientData: true },
    };
    expect(decodeCustomerEvaluation(encodeCustomerEvaluation(entityLess))).toEqual(entityLess);
  });

  it("is much shorter than the API JSON", () => {
    const api = JSON.stringify(customerEvaluationObject(registration, false));
    expect(encodeCustomerEvaluation(registration).length).toBeLessThan(api.length * 0.6);
  });

  it("writes the same JSON as serialising the API object", () => {
    expect(JSON.parse(customerEvaluationJson(registration, false))).toEqual(
      customerEvaluationObject(registration, false),
    );
    const login: CustomerEvaluationRecord = {
      ...registration,
      event_type: "login",
      customer: null,
      events: null,
      inputs: {
        deviceAssessed: true,
        distinctDevices: 1,
        newLocation: false,
        hasCustomer: false,
        windowHours: 24,
        deviceFromClientData: false,
      },
    };
    expect(JSON.parse(customerEvaluationJson(login, true))).toEqual(
      customerEvaluationObject(login, true),
    );
  });

  it("renders the API object with the signal of its event type", () => {
    expect(customerEvaluationObject(registration, false).signals).toEqual({
      multi_accounting: { score: 66, evaluated_at: 1_700_000_000, risk_level: "elevated" },
    });
  });
});
