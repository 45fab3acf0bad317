import { describe, expect, it } from "vitest";
import { bandOf } from "./bands.ts";
import { normalizeEmail, normalizePhone } from "./normalize.ts";
import { type RegistrationInputs, scoreLogin, scorePayment, scoreRegistration } from "./scoring.ts";

const registration: RegistrationInputs = {
  deviceAssessed: true,
  deviceFromClientData: false,
  otherCustomersOnDevice: 0,
  otherCustomersOnIpOnly: 0,
  sameEmailCustomers: 0,
  samePhoneCustomers: 0,
  windowHours: 24,
};

describe("bands", () => {
  it("follows Stripe's published bands", () => {
    expect([0, 64.9, 65, 74.9, 75, 100].map(bandOf)).toEqual([
      "normal",
      "normal",
      "elevated",
      "elevated",
      "highest",
      "highest",
    ]);
  });
});

describe("multi_accounting", () => {
  it("climbs from normal to elevated to highest with customers per device", () => {
    const levels = [0, 1, 2, 5].map(
      (others) => scoreRegistration({ ...registration, otherCustomersOnDevice: others }).risk_level,
    );
    expect(levels).toEqual(["normal", "elevated", "highest", "highest"]);
  });

  it("keeps a second customer elevated however many share the IP", () => {
    const result = scoreRegistration({
      ...registration,
      otherCustomersOnDevice: 1,
      otherCustomersOnIpOnly: 500,
    });
    expect(result.risk_level).toBe("elevated");
    expect(result.score).toBeLessThan(75);
  });

  it("never reaches elevated from a shared IP alone", () => {
    const result = scoreRegistration({ ...registration, otherCustomersOnIpOnly: 10_000 });
    expect(result.risk_level).toBe("normal");
    expect(result.score).toBeLessThanOrEqual(18);
  });

  it("makes a shared email or phone at least elevated, both highest", () => {
    expect(scoreRegistration({ ...registration, sameEmailCustomers: 1 }).risk_level).toBe(
      "elevated",
    );
    expect(scoreRegistration({ ...registration, samePhoneCustomers: 2 }).risk_level).toBe(
      "elevated",
    );
    expect(
      scoreRegistration({ ...registration, sameEmailCustomers: 1, samePhoneCustomers: 1 })
        .risk_level,
    ).toBe("highest");
  });

  it("is not_assessed without a Radar Session unless identity alone is elevated", () => {
    const none = { ...registration, deviceAssessed: false, otherCustomersOnDevice: 3 };
    expect(scoreRegistration(none).risk_level).toBe("not_assessed");
    expect(scoreRegistration({ ...none, sameEmailCustomers: 1 }).risk_level).toBe("elevated");
  });

  it("is deterministic", () => {
    const input = { ...registration, otherCustomersOnDevice: 1, otherCustomersOnIpOnly: 2 };
    expect(scoreRegistration(input)).toEqual(scoreRegistration(input));
  });
});

describe("account_sharing", () => {
  const login = {
    deviceAssessed: true,
    deviceFromClientData: false,
    distinctDevices: 1,
    newLocation: false,
    hasCustomer: true,
    windowHours: 24,
  };

  it("is normal for one device, elevated for a second from elsewhere, highest for a third", () => {
    expect(scoreLogin(login).risk_level).toBe("normal");
    expect(scoreLogin({ ...login, distinctDevices: 2, newLocation: true }).risk_level).toBe(
      "elevated",
    );
    expect(scoreLogin({ ...login, distinctDevices: 2 }).risk_level).toBe("normal");
    expect(scoreLogin({ ...login, distinctDevices: 3 }).risk_level).toBe("highest");
  });

  it("is not_assessed without a Radar Session", () => {
    expect(scoreLogin({ ...login, deviceAssessed: false, distinctDevices: 3 }).risk_level).toBe(
      "not_assessed",
    );
  });
});

describe("fraudulent_payment", () => {
  const payment = {
    amount: 1000,
    paymentsLastHour: 0,
    earlierSignal: "none" as const,
    billingCountryMismatch: false,
    shippingCountryMismatch: false,
    radarSession: true,
    unknownDevice: false,
  };

  it("lets test cards force their level", () => {
    expect(scorePayment({ ...payment, forced: "highest" })).toMatchObject({
      risk_level: "highest",
      recommended_action: "block",
    });
    expect(scorePayment({ ...payment, forced: "highest_blocked" }).recommended_action).toBe(
      "block",
    );
    expect(scorePayment({ ...payment, forced: "elevated" })).toMatchObject({
      risk_level: "elevated",
      recommended_action: "continue",
    });
  });

  it("scores an ordinary payment normal and continues", () => {
    expect(scorePayment(payment)).toMatchObject({
      score: 10,
      risk_level: "normal",
      recommended_action: "continue",
    });
  });

  it("moves a normal card with amount, velocity, earlier signals and mismatches", () => {
    const risky = scorePayment({
      ...payment,
      amount: 150_000,
      paymentsLastHour: 6,
      earlierSignal: "highest",
      billingCountryMismatch: true,
    });
    expect(risky.score).toBe(10 + 20 + 24 + 30 + 10);
    expect(risky.recommended_action).toBe("block");
    expect(scorePayment({ ...payment, earlierSignal: "elevated" }).score).toBe(25);
  });
});

describe("normalisation", () => {
  it("strips +tags and case, and gmail dots", () => {
    expect(normalizeEmail("Jenny.Rosen+shop@Example.com")).toBe("jenny.rosen@example.com");
    expect(normalizeEmail("j.e.n.n.y+x@googlemail.com")).toBe("jenny@gmail.com");
    expect(normalizePhone("+1 (555) 010-0000")).toBe("15550100000");
  });
});
