import type { RiskLevel } from "./bands.ts";
import { normalizeEmail, normalizePhone } from "./normalize.ts";
import type { LoginInputs, PaymentInputs, RegistrationInputs } from "./scoring.ts";

/** What a Radar Session tells about the browser it came from. */
export interface DeviceFacts {
  device: string;
  ip: string;
  timezone: string | null;
  /** Known only from the IP and User-Agent the merchant sent (no Radar Session): weaker. */
  clientData?: true;
}

/** A customer's normalised email and phone, as indexed. */
export interface Identity {
  email: string | null;
  phone: string | null;
}

export interface CustomerEvaluationFacts {
  event: "registration" | "login";
  customer: string | null;
  /**
   * Whom the registration is indexed under: the customer, or for a registration evaluated
   * without one (inline customer data) the evaluation's ID until a report attaches a customer.
   */
  subject: string;
  device: DeviceFacts | null;
  at: number;
  level: RiskLevel;
}

export interface PaymentFacts {
  customer: string | null;
  at: number;
}

interface Login {
  at: number;
  timezone: string | null;
  ip: string;
}

interface Registration {
  at: number;
  device: string;
}

function bump<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
}

/** Renames one key of a map kept in time order, keeping its place. */
function renameKey<V>(map: Map<string, V> | undefined, from: string, to: string): void {
  if (!map?.has(from)) return;
  const entries = [...map].map(([key, value]): [string, V] => [key === from ? to : key, value]);
  map.clear();
  for (const [key, value] of entries) map.set(key, value);
}

/** Drops entries older than `since` from the front of a map kept in time order. */
function pruneFront<K, V extends { at: number } | number>(map: Map<K, V>, since: number): void {
  for (const [key, value] of map) {
    const at = typeof value === "number" ? value : value.at;
    if (at >= since) return;
    map.delete(key);
  }
}

const WORST: Record<RiskLevel, number> = { not_assessed: 0, normal: 1, elevated: 2, highest: 3 };
const MAX_SIGNALS_PER_CUSTOMER = 20;
const IP_COUNT_LIMIT = 16;

/**
 * The risk model's memory: indexes over earlier evaluations so each score is a handful of map
 * look-ups, not a scan. Everything here can be rebuilt from stored evaluations and customers.
 */
export class RiskHistory {
  private readonly registrationsByDevice = new Map<string, Map<string, number>>();
  private readonly registrationsByIp = new Map<string, Map<string, Registration>>();
  private readonly loginsByCustomer = new Map<string, Map<string, Login>>();
  private readonly devicesByCustomer = new Map<string, Set<string>>();
  private readonly signalsByCustomer = new Map<string, Array<{ at: number; level: RiskLevel }>>();
  private readonly paymentsByCustomer = new Map<string, number[]>();
  private readonly customersByEmail = new Map<string, Set<string>>();
  private readonly customersByPhone = new Map<string, Set<string>>();
  private readonly identityByCustomer = new Map<string, Identity>();

  constructor(readonly windowSeconds: number) {}

  get windowHours(): number {
    return Math.round((this.windowSeconds / 3600) * 100) / 100;
  }

  /** `identity` is normalised, as `identityOf` returns it. */
  registrationInputs(
    customer: string | null,
    device: DeviceFacts | null,
    identity: Identity,
    now: number,
  ): RegistrationInputs {
    const since = now - this.windowSeconds;
    let otherCustomersOnDevice = 0;
    let otherCustomersOnIpOnly = 0;
    if (device) {
      const onDevice = this.registrationsByDevice.get(device.device);
      if (onDevice) {
        pruneFront(onDevice, since);
        otherCustomersOnDevice = onDevice.size - (customer && onDevice.has(customer) ? 1 : 0);
      }
      const onIp = this.registrationsByIp.get(device.ip);
      if (onIp) {
        pruneFront(onIp, since);
        for (const [id, registration] of onIp) {
          if (id === customer || registration.device === device.device) continue;
          if (++otherCustomersOnIpOnly >= IP_COUNT_LIMIT) break;
        }
      }
    }
    return {
      deviceAssessed: device !== null,
      deviceFromClientData: device?.clientData === true,
      otherCustomersOnDevice,
      otherCustomersOnIpOnly,
      sameEmailCustomers: identity.email
        ? this.othersIn(this.customersByEmail.get(identity.email), customer)
        : 0,
      samePhoneCustomers: identity.phone
        ? this.othersIn(this.customersByPhone.get(identity.phone), customer)
        : 0,
      windowHours: this.windowHours,
    };
  }

  private othersIn(set: Set<string> | undefined, customer: string | null): number {
    if (!set) return 0;
    return set.size - (customer && set.has(customer) ? 1 : 0);
  }

  loginInputs(customer: string | null, device: DeviceFacts | null, now: number): LoginInputs {
    if (!customer || !device) {
      return {
        deviceAssessed: device !== null,
        deviceFromClientData: device?.clientData === true,
        distinctDevices: 1,
        newLocation: false,
        hasCustomer: customer !== null,
        windowHours: this.windowHours,
      };
    }
    const logins = this.loginsByCustomer.get(customer);
    let others = 0;
    let newLocation = false;
    if (logins) {
      pruneFront(logins, now - this.windowSeconds);
      for (const [key, login] of logins) {
        if (key === device.device) continue;
        others++;
        if (login.timezone !== device.timezone || login.ip !== device.ip) newLocation = true;
      }
    }
    return {
      deviceAssessed: true,
      deviceFromClientData: device.clientData === true,
      distinctDevices: others + 1,
      newLocation,
      hasCustomer: true,
      windowHours: this.windowHours,
    };
  }

  paymentInputs(
    customer: string | null,
    device: DeviceFacts | null,
    now: number,
  ): Pick<PaymentInputs, "paymentsLastHour" | "earlierSignal" | "unknownDevice" | "radarSession"> {
    let paymentsLastHour = 0;
    let earlierSignal: PaymentInputs["earlierSignal"] = "none";
    let unknownDevice = false;
    if (customer) {
      const payments = this.paymentsByCustomer.get(customer);
      if (payments) paymentsLastHour = payments.filter((at) => at > now - 3600).length;
      const since = now - this.windowSeconds;
      let worst = 0;
      for (const signal of this.signalsByCustomer.get(customer) ?? []) {
        if (signal.at >= since) worst = Math.max(worst, WORST[signal.level]);
      }
      earlierSignal =
        worst === 3 ? "highest" : worst === 2 ? "elevated" : worst === 1 ? "normal" : "none";
      const known = this.devicesByCustomer.get(customer);
      unknownDevice =
        device !== null && known !== undefined && known.size > 0 && !known.has(device.device);
    }
    return { paymentsLastHour, earlierSignal, unknownDevice, radarSession: device !== null };
  }

  recordCustomerEvaluation(facts: CustomerEvaluationFacts): void {
    const { customer, device, at, subject } = facts;
    if (customer) this.recordForCustomer(customer, facts);
    if (!device) return;
    if (facts.event === "registration") {
      bump(this.mapIn(this.registrationsByDevice, device.device), subject, at);
      bump(this.mapIn(this.registrationsByIp, device.ip), subject, { at, device: device.device });
    } else if (customer) {
      bump(this.mapIn(this.loginsByCustomer, customer), device.device, {
        at,
        timezone: device.timezone,
        ip: device.ip,
      });
    }
  }

  private recordForCustomer(customer: string, facts: CustomerEvaluationFacts): void {
    const signals = this.signalsByCustomer.get(customer) ?? [];
    signals.push({ at: facts.at, level: facts.level });
    if (signals.length > MAX_SIGNALS_PER_CUSTOMER) signals.shift();
    this.signalsByCustomer.set(customer, signals);
    if (facts.device) this.setIn(this.devicesByCustomer, customer).add(facts.device.device);
  }

  /**
   * A report attached a customer to a registration evaluated without one: from now on the
   * registration counts as that customer's, as if it had been evaluated with it.
   */
  attachCustomer(facts: CustomerEvaluationFacts, customer: string): void {
    this.forgetCustomer(facts.subject);
    this.recordForCustomer(customer, facts);
    if (!facts.device || facts.event !== "registration") return;
    renameKey(this.registrationsByDevice.get(facts.device.device), facts.subject, customer);
    renameKey(this.registrationsByIp.get(facts.device.ip), facts.subject, customer);
  }

  recordPayment(facts: PaymentFacts): void {
    if (!facts.customer) return;
    const payments = (this.paymentsByCustomer.get(facts.customer) ?? []).filter(
      (at) => at > facts.at - 3600,
    );
    payments.push(facts.at);
    this.paymentsByCustomer.set(facts.customer, payments);
  }

  recordCustomer(id: string, email: string | null, phone: string | null): void {
    this.forgetCustomer(id);
    const identity = {
      email: email ? normalizeEmail(email) : null,
      phone: phone ? normalizePhone(phone) : null,
    };
    if (identity.email) this.setIn(this.customersByEmail, identity.email).add(id);
    if (identity.phone) this.setIn(this.customersByPhone, identity.phone).add(id);
    this.identityByCustomer.set(id, identity);
  }

  /** A customer's normalised email and phone, as indexed. */
  identityOf(id: string): Identity | undefined {
    return this.identityByCustomer.get(id);
  }

  forgetCustomer(id: string): void {
    const identity = this.identityByCustomer.get(id);
    if (!identity) return;
    this.identityByCustomer.delete(id);
    if (identity.email) this.customersByEmail.get(identity.email)?.delete(id);
    if (identity.phone) this.customersByPhone.get(identity.phone)?.delete(id);
  }

  private mapIn<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
    let inner = outer.get(key);
    if (!inner) {
      inner = new Map();
      outer.set(key, inner);
    }
    return inner;
  }

  private setIn(outer: Map<string, Set<string>>, key: string): Set<string> {
    let inner = outer.get(key);
    if (!inner) {
      inner = new Set();
      outer.set(key, inner);
    }
    return inner;
  }

  clear(): void {
    for (const map of [
      this.registrationsByDevice,
      this.registrationsByIp,
      this.loginsByCustomer,
      this.devicesByCustomer,
      this.signalsByCustomer,
      this.paymentsByCustomer,
      this.customersByEmail,
      this.customersByPhone,
      this.identityByCustomer,
    ]) {
      map.clear();
    }
  }
}
