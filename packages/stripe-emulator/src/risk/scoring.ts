import { type Assessment, assess, type Factor } from "./bands.ts";

/** Every score starts here: an unremarkable event is clearly normal. */
export const BASE_POINTS = 10;

export const MULTI_ACCOUNTING = {
  /** A second distinct customer from one device. */
  deviceSecondCustomer: 56,
  /** A third (or later) distinct customer from one device. */
  deviceThirdCustomer: 68,
  /** Each customer beyond the third adds this, up to the cap. */
  devicePerExtraCustomer: 4,
  deviceCap: 85,
  /** Another customer with the same normalised email or phone. */
  sharedIdentity: 56,
  /** Both email and phone shared with other customers. */
  sharedIdentityBoth: 68,
  /** Per other customer registered from the same IP on another device. */
  sharedIpPerCustomer: 2,
  /**
   * A shared IP alone stays well below elevated (127.0.0.1 is shared by every local test), and
   * on top of one elevated signal (at most 10 + 56 + 8 = 74) it never reaches highest.
   */
  sharedIpCap: 8,
  /**
   * Device reuse seen only through the IP and User-Agent the merchant sent (no Radar Session)
   * is capped here: 10 + 60 = 70, enough to flag for review, never highest on its own, since
   * people behind one address with the same browser build look alike.
   */
  clientDataDeviceCap: 60,
} as const;

export interface RegistrationInputs {
  /** False without a Radar Session or client data: the device and IP cannot be assessed. */
  deviceAssessed: boolean;
  /** The device is known only from the IP and User-Agent sent by the merchant. */
  deviceFromClientData: boolean;
  /** Other customers registered from this device within the window. */
  otherCustomersOnDevice: number;
  /** Other customers registered from this IP on a different device within the window. */
  otherCustomersOnIpOnly: number;
  /** Other customers with the same normalised email. */
  sameEmailCustomers: number;
  /** Other customers with the same phone. */
  samePhoneCustomers: number;
  windowHours: number;
}

function deviceReusePoints(others: number): number {
  const m = MULTI_ACCOUNTING;
  if (others === 0) return 0;
  if (others === 1) return m.deviceSecondCustomer;
  return Math.min(m.deviceCap, m.deviceThirdCustomer + m.devicePerExtraCustomer * (others - 2));
}

function sharedIpPoints(othersOnIpOnly: number): number {
  return Math.min(
    MULTI_ACCOUNTING.sharedIpCap,
    MULTI_ACCOUNTING.sharedIpPerCustomer * othersOnIpOnly,
  );
}

function sharedIdentityPoints(input: RegistrationInputs): number {
  const emailShared = input.sameEmailCustomers > 0;
  const phoneShared = input.samePhoneCustomers > 0;
  if (emailShared && phoneShared) return MULTI_ACCOUNTING.sharedIdentityBoth;
  return emailShared || phoneShared ? MULTI_ACCOUNTING.sharedIdentity : 0;
}

export function scoreRegistration(input: RegistrationInputs): Assessment {
  const m = MULTI_ACCOUNTING;
  const factors: Factor[] = [
    { name: "base", detail: "every evaluation starts here", points: BASE_POINTS, assessed: true },
  ];
  const others = input.otherCustomersOnDevice;
  if (input.deviceAssessed) {
    const points = deviceReusePoints(others);
    factors.push({
      name: "device_reuse",
      detail: input.deviceFromClientData
        ? `${others} other customer(s) registered from this IP and User-Agent in the last ${input.windowHours} h (no Radar Session: capped at ${m.clientDataDeviceCap} points)`
        : `${others} other customer(s) registered from this device in the last ${input.windowHours} h`,
      points: input.deviceFromClientData ? Math.min(points, m.clientDataDeviceCap) : points,
      assessed: true,
    });
    factors.push({
      name: "shared_ip",
      detail: `${input.otherCustomersOnIpOnly} other customer(s) registered from this IP on other devices (capped at ${m.sharedIpCap} points)`,
      points: sharedIpPoints(input.otherCustomersOnIpOnly),
      assessed: true,
    });
  } else {
    factors.push({
      name: "device_reuse",
      detail: "no Radar Session: device not assessed",
      points: 0,
      assessed: false,
    });
  }
  factors.push({
    name: "shared_identity",
    detail: `${input.sameEmailCustomers} other customer(s) with the same normalised email, ${input.samePhoneCustomers} with the same phone`,
    points: sharedIdentityPoints(input),
    assessed: true,
  });
  return assess(factors, input.deviceAssessed);
}

export const ACCOUNT_SHARING = {
  /** A second device, from another timezone or IP. */
  secondDeviceNewLocation: 56,
  /** A second device from the same timezone and IP (e.g. a new browser at home). */
  secondDeviceSameLocation: 30,
  /** A third (or later) distinct device. */
  thirdDevice: 68,
  perExtraDevice: 4,
  deviceCap: 85,
  /** As MULTI_ACCOUNTING.clientDataDeviceCap: devices told apart by IP and User-Agent only. */
  clientDataDeviceCap: 60,
} as const;

export interface LoginInputs {
  deviceAssessed: boolean;
  deviceFromClientData: boolean;
  /** Distinct devices that logged into this customer within the window, this one included. */
  distinctDevices: number;
  /** Whether this device's timezone or IP differs from the customer's other recent logins. */
  newLocation: boolean;
  hasCustomer: boolean;
  windowHours: number;
}

function loginDevicePoints(devices: number, newLocation: boolean): number {
  const a = ACCOUNT_SHARING;
  if (devices <= 1) return 0;
  if (devices === 2) return newLocation ? a.secondDeviceNewLocation : a.secondDeviceSameLocation;
  return Math.min(a.deviceCap, a.thirdDevice + a.perExtraDevice * (devices - 3));
}

export function scoreLogin(input: LoginInputs): Assessment {
  const factors: Factor[] = [
    { name: "base", detail: "every evaluation starts here", points: BASE_POINTS, assessed: true },
  ];
  const assessed = input.deviceAssessed && input.hasCustomer;
  if (!assessed) {
    factors.push({
      name: "devices",
      detail: input.hasCustomer ? "no Radar Session: device not assessed" : "no customer given",
      points: 0,
      assessed: false,
    });
    return assess(factors, false);
  }
  const devices = input.distinctDevices;
  const points = loginDevicePoints(devices, input.newLocation);
  factors.push({
    name: "devices",
    detail: `${devices} distinct device(s) logged into this customer in the last ${input.windowHours} h${devices === 2 ? (input.newLocation ? ", from another timezone or IP" : ", same timezone and IP") : ""}${input.deviceFromClientData ? ` (no Radar Session: told apart by IP and User-Agent, capped at ${ACCOUNT_SHARING.clientDataDeviceCap} points)` : ""}`,
    points: input.deviceFromClientData
      ? Math.min(points, ACCOUNT_SHARING.clientDataDeviceCap)
      : points,
    assessed: true,
  });
  return assess(factors, true);
}

export type ForcedRisk = "highest" | "highest_blocked" | "elevated";

export const FRAUDULENT_PAYMENT = {
  forcedHighest: 85,
  forcedBlocked: 95,
  forcedElevated: 70,
  amountOver100000: 20,
  amountOver50000: 12,
  amountOver10000: 5,
  /** Per payment evaluation for the customer in the last hour beyond the second. */
  velocityPerPayment: 6,
  velocityCap: 24,
  earlierHighest: 30,
  earlierElevated: 15,
  billingCountryMismatch: 10,
  shippingCountryMismatch: 6,
  unknownDevice: 8,
  /** As much as a device never seen: stripping the Radar Session must never lower a score. */
  noRadarSession: 8,
} as const;

export interface PaymentInputs {
  forced?: ForcedRisk;
  amount: number;
  paymentsLastHour: number;
  earlierSignal: "highest" | "elevated" | "normal" | "none";
  billingCountryMismatch: boolean;
  shippingCountryMismatch: boolean;
  radarSession: boolean;
  /** The Radar Session's device was never seen for this customer (when it has history). */
  unknownDevice: boolean;
}

export interface PaymentAssessment extends Assessment {
  recommended_action: "block" | "continue";
}

export function scorePayment(input: PaymentInputs): PaymentAssessment {
  const p = FRAUDULENT_PAYMENT;
  if (input.forced) {
    const points =
      input.forced === "highest_blocked"
        ? p.forcedBlocked
        : input.forced === "highest"
          ? p.forcedHighest
          : p.forcedElevated;
    const factors: Factor[] = [
      {
        name: "test_card",
        detail: `Stripe risk test card forces ${input.forced === "elevated" ? "elevated" : "highest"}`,
        points,
        assessed: true,
      },
    ];
    const assessment = assess(factors, true);
    return {
      ...assessment,
      recommended_action: assessment.risk_level === "highest" ? "block" : "continue",
    };
  }
  const amountPoints =
    input.amount >= 100_000
      ? p.amountOver100000
      : input.amount >= 50_000
        ? p.amountOver50000
        : input.amount >= 10_000
          ? p.amountOver10000
          : 0;
  const earlierPoints =
    input.earlierSignal === "highest"
      ? p.earlierHighest
      : input.earlierSignal === "elevated"
        ? p.earlierElevated
        : 0;
  const factors: Factor[] = [
    { name: "base", detail: "every evaluation starts here", points: BASE_POINTS, assessed: true },
    {
      name: "amount",
      detail: `amount ${input.amount} (minor units): +5 from 10000, +12 from 50000, +20 from 100000`,
      points: amountPoints,
      assessed: true,
    },
    {
      name: "velocity",
      detail: `${input.paymentsLastHour} earlier payment evaluation(s) for this customer in the last hour`,
      points: Math.min(
        p.velocityCap,
        p.velocityPerPayment * Math.max(0, input.paymentsLastHour - 2),
      ),
      assessed: true,
    },
    {
      name: "earlier_signals",
      detail: `customer's worst customer-evaluation signal in the window: ${input.earlierSignal}`,
      points: earlierPoints,
      assessed: true,
    },
    {
      name: "billing_mismatch",
      detail: input.billingCountryMismatch
        ? "billing country differs from the card's country"
        : "billing country matches the card or is absent",
      points: input.billingCountryMismatch ? p.billingCountryMismatch : 0,
      assessed: true,
    },
    {
      name: "shipping_mismatch",
      detail: input.shippingCountryMismatch
        ? "shipping country differs from the billing country"
        : "shipping country matches billing or is absent",
      points: input.shippingCountryMismatch ? p.shippingCountryMismatch : 0,
      assessed: true,
    },
    {
      name: "device",
      detail: !input.radarSession
        ? "no Radar Session"
        : input.unknownDevice
          ? "device never seen for this customer"
          : "device known for this customer, or customer has no history",
      points: !input.radarSession ? p.noRadarSession : input.unknownDevice ? p.unknownDevice : 0,
      assessed: input.radarSession,
    },
  ];
  const assessment = assess(factors, true);
  return {
    ...assessment,
    recommended_action: assessment.risk_level === "highest" ? "block" : "continue",
  };
}
