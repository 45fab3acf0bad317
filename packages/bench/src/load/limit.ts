import { randomUUID } from "node:crypto";
import { emulatorApi } from "stripe-emulator";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { EMULATOR_KEYS } from "@/lib/config/load-config";
import { mapConcurrently } from "@/lib/demo/map-concurrently";
import type { AccountEvent } from "@/lib/radar/account-abuse";
import {
  CUSTOMER_EVALUATIONS_VERSION,
  customerEvaluationsApi,
} from "@/lib/radar/customer-evaluations";
import { createPaymentEvaluation } from "@/lib/radar/payment-evaluation";
import { createStripeClient } from "@/lib/stripe/create-client";
import { makeAccount } from "./flows";
import type { FlowResult } from "./run-flow";

/**
 * The limit beside which the app's flows are measured: the Stripe calls each flow makes, made
 * directly with the `stripe` package, plus its one password hash (Argon2id with the app's
 * parameters), by as many concurrent clients for as long. Nothing else: no database, no
 * framework, no rendering.
 */
export type LimitFlow = {
  name: string;
  /** Work made ready before the clock starts (Radar Sessions, as a browser would bring). */
  prepare(count: number): Promise<void>;
  iteration(index: number): Promise<void>;
};

const PASSWORD = "correct horse battery staple";

/** The metadata key that marks the limit's PaymentIntents, which no order of the app owns. */
export const LIMIT_METADATA = "benchmark_limit";

/** A simulated person, on the device and address `makeAccount` gives their index. */
type Person = { index: number; email: string; customer?: string; radarSession?: string };

/** The app's own Stripe client factory, pointed at the emulator the app uses. */
function stripeClient(emulatorUrl: string) {
  const url = new URL(emulatorUrl);
  return createStripeClient({
    mode: "emulator",
    secretKey: EMULATOR_KEYS.secretKey,
    publishableKey: EMULATOR_KEYS.publishableKey,
    webhookSecret: undefined,
    apiHost: { host: url.hostname, port: Number(url.port), protocol: "http" },
    timeoutMs: 10_000,
  });
}

/** Registration, log-in and checkout as their Stripe calls and password hash alone. */
export function limitFlows(emulatorUrl: string, runId: string): LimitFlow[] {
  const stripe = stripeClient(emulatorUrl);
  const api = emulatorApi(emulatorUrl);
  const radar = customerEvaluationsApi(stripe, {
    apiVersion: CUSTOMER_EVALUATIONS_VERSION,
    timeoutMs: 10_000,
  });
  const limitRunId = `${runId}-limit`;
  const people: Person[] = [];
  /** The people the registration limit gave a customer, in turn for log-ins and checkouts. */
  const registered: Person[] = [];
  let passwordHash: string | undefined;
  // A few at a time: thousands of requests at once would run out of file descriptors.
  const sessionsFor = (persons: Person[]) =>
    mapConcurrently(persons, 16, (person) =>
      api.createRadarSession(makeAccount(limitRunId, person.index).device),
    );
  const evaluation = async (person: Person, event: AccountEvent) => {
    const result = await radar.evaluate({
      event,
      customer: person.customer ?? "",
      client: {
        radarSession: person.radarSession,
        ip: makeAccount(limitRunId, person.index).device.ip,
        userAgent: undefined,
        referrer: undefined,
      },
      // A fresh key per evaluation, as the app's: a repeated one would be a cheap replay.
      idempotencyKey: `limit-${event}-${randomUUID()}`,
    });
    if (result.kind !== "evaluated") throw new Error(`evaluation ${result.kind}`);
    const { id, apiVersion } = result.evaluation;
    return {
      radarApi: "v1" as const,
      apiVersion,
      stripeId: id,
      eventType: event,
      stripeCustomerId: person.customer ?? null,
    };
  };

  return [
    {
      name: "registration",
      async prepare(count) {
        const fresh = Array.from({ length: count }, (_, i) => {
          const index = people.length + i;
          return { index, email: makeAccount(limitRunId, index).email };
        });
        const made = await sessionsFor(fresh);
        people.push(...fresh.map((person, i) => ({ ...person, radarSession: made[i] })));
      },
      async iteration(index) {
        const person = people[index];
        if (!person) throw new Error("no prepared registration left");
        await hashPassword(PASSWORD);
        const customer = await stripe.customers.create(
          { email: person.email, name: "Limit" },
          { idempotencyKey: `limit-customer-${person.email}` },
        );
        person.customer = customer.id;
        registered.push(person);
        await radar.report(await evaluation(person, "registration"), "allowed");
      },
    },
    {
      name: "log-in",
      async prepare(count) {
        passwordHash ??= await hashPassword(PASSWORD);
        // A new log-in page on each person's own device, as the app's log-ins have.
        const persons = registered.slice(0, count);
        const made = await sessionsFor(persons);
        persons.forEach((person, i) => {
          person.radarSession = made[i];
        });
      },
      async iteration(index) {
        const person = registered[index % registered.length];
        if (!person || !passwordHash) throw new Error("no registered person to log in");
        await verifyPassword(passwordHash, PASSWORD);
        await radar.report(await evaluation(person, "login"), "allowed");
      },
    },
    {
      name: "checkout",
      async prepare() {},
      async iteration(index) {
        const person = registered[index % registered.length];
        if (!person?.customer) throw new Error("no registered person to check out");
        const key = `limit-${runId}-order-${index}`;
        const address = {
          line1: "1 Market Street",
          city: "San Francisco",
          postal_code: "94105",
          country: "US",
        };
        await stripe.paymentMethods.retrieve("pm_card_visa");
        const result = await createPaymentEvaluation(
          stripe,
          {
            customer: person.customer,
            customerEmail: person.email,
            customerName: "Limit",
            paymentMethod: "pm_card_visa",
            amount: 1_200,
            currency: "usd",
            billingDetails: { name: "Limit", email: person.email, address },
            shippingDetails: undefined,
            description: "Limit order",
            statementDescriptor: "RADAR DEMO",
            radarSession: undefined,
            orderId: key,
          },
          `${key}-evaluation`,
        );
        if (result.kind !== "available") throw new Error(`payment evaluation ${result.kind}`);
        await stripe.paymentIntents.create(
          {
            amount: 1_200,
            currency: "usd",
            customer: person.customer,
            payment_method: "pm_card_visa",
            confirm: true,
            automatic_payment_methods: { enabled: true, allow_redirects: "never" },
            description: "Limit order",
            metadata: { [LIMIT_METADATA]: key },
          },
          { idempotencyKey: `${key}-payment-intent` },
        );
      },
    },
  ];
}

/** Runs `flow` by `connections` concurrent clients for `durationS` seconds. */
export async function runLimit(
  flow: LimitFlow,
  options: { connections: number; durationS: number },
): Promise<FlowResult<never>> {
  // Enough for this machine's fastest flow; a run that uses them all reports its failures.
  await flow.prepare(Math.min(200 * options.durationS, 6_000));
  const firstLatenciesMs: number[] = [];
  const laterLatenciesMs: number[] = [];
  const failureReasons = new Map<string, number>();
  let successes = 0;
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + options.durationS * 1000;
  const client = async () => {
    let latenciesMs = firstLatenciesMs;
    while (performance.now() < deadline) {
      const index = next++;
      const begun = performance.now();
      try {
        await flow.iteration(index);
        successes++;
        latenciesMs.push(performance.now() - begun);
        latenciesMs = laterLatenciesMs;
      } catch (error) {
        failures++;
        const reason = error instanceof Error ? error.message : String(error);
        failureReasons.set(reason, (failureReasons.get(reason) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, client));
  return {
    name: `${flow.name} (limit)`,
    sent: [],
    successes,
    failures,
    failureReasons,
    non2xx3xx: 0,
    errors: 0,
    firstLatenciesMs,
    laterLatenciesMs,
    elapsedS: (performance.now() - started) / 1000,
  };
}
