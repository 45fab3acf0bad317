import type { EmulatorApi, RadarDevice } from "stripe-emulator";
import { logInUser } from "@/lib/accounts/log-in";
import { registerUser } from "@/lib/accounts/register";
import { seedCatalogue } from "@/lib/catalogue/seed-catalogue";
import { placeOrder } from "@/lib/checkout/place-order";
import { demoCheckoutForm } from "@/lib/demo/demo-checkout";
import { mapConcurrently } from "@/lib/demo/map-concurrently";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Services } from "@/lib/services/services";

/** Every seeded account's password, shown on the demo page so anyone can log in as one. */
export const SEEDED_PASSWORD = "radar demo shopper";

const DAY_MS = 24 * 60 * 60 * 1000;
const HISTORY_DAYS = 42;

const FIRST = ["Ava", "Liam", "Noah", "Mia", "Zoe", "Omar", "Ines", "Kenji", "Lena", "Raj"];
const LAST = ["Garcia", "Okafor", "Tanaka", "Muller", "Silva", "Dubois", "Kowalski", "Haddad"];
const TIME_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "Europe/London",
  "Europe/Berlin",
  "Asia/Singapore",
];
const USER_AGENTS = {
  mac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15",
  windows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36",
  iphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
  android:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36",
};

/** A simulated browser with every field the emulator scores set. */
export type Device = Required<RadarDevice>;

/**
 * Seeded browsers live on 10.88.0.0/16 with device IDs of their own: none is the presenter's
 * browser (127.0.0.1, its own Stripe.js device ID), so the presenter's first sign-up is normal.
 */
function seededDevice(
  run: string,
  key: string,
  index: number,
  userAgent: string,
  timezone: string,
): Device {
  return {
    deviceId: `seeded-${run}-${key}`,
    timezone,
    userAgent,
    ip: `10.88.${Math.floor(index / 200) + 1}.${(index % 200) + 10}`,
  };
}

type Person = { name: string; email: string; phone?: string };

/** What the history holds, for the logs and the demo page. */
export type SeedSummary = {
  users: number;
  blockedSignUps: number;
  logIns: number;
  orders: number;
  milliseconds: number;
};

/**
 * A seeded row and the date it is given; `ranFrom` and `ranTo` are when its flow really ran, so
 * the Stripe calls it made and the webhooks it caused move back with it.
 */
type Stamp = {
  table: "user" | "evaluation" | "order";
  id: string;
  at: Date;
  ranFrom: Date;
  ranTo: Date;
};

/**
 * Writes a few weeks of history through the app's own flows against Stripe (the emulator): every
 * user, Customer, evaluation, PaymentIntent and outcome report is real. Normal shoppers, a few
 * who log in from a second device, two sign-up farms (several accounts from one device: review,
 * then block), one shared account (review, then block), wrong passwords, and orders paid,
 * declined and blocked. The flows run now; their rows are then dated across the last six weeks.
 */
export async function seedHistory(
  services: Services,
  emulator: EmulatorApi,
  now = new Date(),
): Promise<SeedSummary> {
  const started = Date.now();
  await seedCatalogue(services.prisma);
  const stamps: Stamp[] = [];
  // Device IDs of this run only: a second history seeded into the same emulator starts clean.
  const run = crypto.randomUUID().slice(0, 8);
  let deviceIndex = 0;
  const newDevice = (key: string, userAgent: string, timezone: string) =>
    seededDevice(run, key, deviceIndex++, userAgent, timezone);
  const at = (daysAgo: number, minutes: number) => {
    const date = new Date(now.getTime() - daysAgo * DAY_MS + minutes * 60_000);
    if (date > now)
      throw new Error(`Seeding: a step dated ${date.toISOString()}, after ${now.toISOString()}`);
    return date;
  };

  const signUp = async (person: Person, device: Device, when: Date) => {
    const ranFrom = new Date();
    const result = await registerUser(
      services,
      {
        ...person,
        password: SEEDED_PASSWORD,
        radar_session: await emulator.createRadarSession(device),
      },
      { clientIp: device.ip, deviceId: device.deviceId },
    );
    const ran = { at: when, ranFrom, ranTo: new Date() };
    if (result.kind === "registered") {
      stamps.push({ table: "user", id: result.userId, ...ran });
      stamps.push({ table: "evaluation", id: result.evaluationRecordId, ...ran });
      return result.userId;
    }
    if (result.kind === "blocked") {
      stamps.push({ table: "evaluation", id: result.evaluationRecordId, ...ran });
      return null;
    }
    throw new Error(`Seeding: the sign-up of ${person.email} was ${result.kind}`);
  };

  const logIn = async (email: string, device: Device, when: Date, password = SEEDED_PASSWORD) => {
    const radarSession = await emulator.createRadarSession(device);
    const ranFrom = new Date();
    const result = await logInUser(
      services,
      { email, password, radar_session: radarSession },
      { clientIp: device.ip, userAgent: device.userAgent },
    );
    const ran = { at: when, ranFrom, ranTo: new Date() };
    if (result.kind === "signed_in" || result.kind === "blocked") {
      stamps.push({ table: "evaluation", id: result.evaluationRecordId, ...ran });
    } else {
      // A wrong password leaves an evaluation without an ID in the result: the newest for the email.
      const record = await services.prisma.customerEvaluation.findFirst({
        where: { email, eventType: "login" },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      });
      if (record) stamps.push({ table: "evaluation", id: record.id, ...ran });
    }
  };

  const buy = async (
    userId: string,
    person: Person,
    device: Device,
    card: string,
    productId: string,
    when: Date,
  ) => {
    const buyer = await services.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    const form = demoCheckoutForm(
      person,
      card,
      await emulator.createRadarSession(device),
      productId,
    );
    const ranFrom = new Date();
    const result = await placeOrder(services, buyer, form);
    if (result.kind === "invalid") {
      throw new Error(
        `Seeding: an order of ${person.email} was refused: ${JSON.stringify(result.fieldErrors)}`,
      );
    }
    stamps.push({ table: "order", id: result.orderId, at: when, ranFrom, ranTo: new Date() });
  };

  const shoppers = Array.from({ length: 26 }, (_, i) => {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[(i * 3 + Math.floor(i / FIRST.length)) % LAST.length] as string;
    const person: Person = {
      name: `${first} ${last}`,
      email: `${first}.${last}.${i}@example.com`.toLowerCase(),
    };
    const agents = Object.values(USER_AGENTS);
    const timezone = TIME_ZONES[i % TIME_ZONES.length] as string;
    return {
      i,
      person,
      // From six weeks ago to ten days ago: each story's last step, nine days after its sign-up,
      // is still in the past.
      daysAgo: HISTORY_DAYS - 1 - Math.floor((i * (HISTORY_DAYS - 11)) / 26),
      home: newDevice(`shopper-${i}-laptop`, agents[i % 2] as string, timezone),
      phone: newDevice(`shopper-${i}-phone`, agents[2 + (i % 2)] as string, timezone),
    };
  });

  const shopperStory = async (shopper: (typeof shoppers)[number]) => {
    const { i, person, daysAgo, home, phone } = shopper;
    const userId = await signUp(person, home, at(daysAgo, 0));
    if (!userId) return;
    await logIn(person.email, home, at(daysAgo - 1, 30));
    // Some sign in on their phone too (same network and time zone: still normal), one from the
    // office (another address: elevated, flagged for review).
    if (i % 3 === 0) await logIn(person.email, { ...phone, ip: home.ip }, at(daysAgo - 2, 45));
    if (i === 7) {
      await logIn(
        person.email,
        { ...phone, ip: "10.88.250.7", timezone: "Europe/Madrid" },
        at(daysAgo - 3, 15),
      );
    }
    if (i % 10 === 4) await logIn(person.email, home, at(daysAgo - 4, 5), "wrong password 123");
    const card =
      i % 9 === 4
        ? "pm_card_chargeDeclined"
        : i % 11 === 5
          ? "pm_card_riskLevelHighest"
          : i % 8 === 2
            ? "pm_card_riskLevelElevated"
            : (["pm_card_visa", "pm_card_mastercard", "pm_card_amex"][i % 3] as string);
    const product = ["prod_hoodie", "prod_field_notes", "prod_annual_pass"][i % 3] as string;
    await buy(userId, person, home, card, product, at(daysAgo - 1, 40));
    if (i % 4 === 1)
      await buy(userId, person, home, "pm_card_visa", "prod_field_notes", at(daysAgo - 9, 600));
  };

  const farmStory = async (farm: number, accounts: number, daysAgo: number) => {
    const device = newDevice(`farm-${farm}`, USER_AGENTS.windows, "Europe/Kyiv");
    for (let n = 1; n <= accounts; n++) {
      const person = { name: `Deal Hunter ${farm}${n}`, email: `deals.${farm}.${n}@example.net` };
      const userId = await signUp(person, device, at(daysAgo, n * 7));
      if (userId && n === 1) {
        await buy(userId, person, device, "pm_card_visa", "prod_annual_pass", at(daysAgo, 20));
      }
    }
  };

  const sharedAccountStory = async () => {
    const person = { name: "Sam Shared", email: "sam.shared@example.com" };
    const laptop = newDevice("sam-laptop", USER_AGENTS.mac, "America/New_York");
    const userId = await signUp(person, laptop, at(12, 0));
    if (!userId) return;
    await logIn(person.email, laptop, at(12, 5));
    await buy(userId, person, laptop, "pm_card_visa", "prod_annual_pass", at(12, 20));
    const elsewhere: [string, string, string][] = [
      ["sam-friend-berlin", USER_AGENTS.windows, "Europe/Berlin"],
      ["sam-friend-tokyo", USER_AGENTS.android, "Asia/Tokyo"],
      ["sam-friend-lima", USER_AGENTS.iphone, "America/Lima"],
    ];
    for (const [n, [key, agent, timezone]] of elsewhere.entries()) {
      await logIn(person.email, newDevice(key, agent, timezone), at(11 - n, 90));
    }
  };

  const stories: (() => Promise<void>)[] = [
    ...shoppers.map((shopper) => () => shopperStory(shopper)),
    () => farmStory(1, 4, 20),
    () => farmStory(2, 3, 4),
    sharedAccountStory,
  ];
  const firstRequest = await services.prisma.stripeRequest.aggregate({ _max: { id: true } });
  await mapConcurrently(stories, 4, (story) => story());
  await webhooksDelivered(emulator);
  await services.stripeRequests?.flushed();
  await backdate(services, stamps, firstRequest._max.id ?? 0);

  const [users, blockedSignUps, logIns, orders] = await Promise.all([
    services.prisma.user.count(),
    services.prisma.customerEvaluation.count({
      where: { eventType: "registration", decision: "block" },
    }),
    services.prisma.customerEvaluation.count({ where: { eventType: "login" } }),
    services.prisma.order.count(),
  ]);
  return { users, blockedSignUps, logIns, orders, milliseconds: Date.now() - started };
}

const WEBHOOK_WAIT_MS = 10_000;

/**
 * Waits, ten seconds at most, until the emulator has tried every webhook once: what a webhook
 * writes on its order (the payment's confirmation) is then there to be dated with the order.
 */
async function webhooksDelivered(emulator: EmulatorApi): Promise<void> {
  const until = Date.now() + WEBHOOK_WAIT_MS;
  while (Date.now() < until) {
    const deliveries = await emulator.webhookDeliveries();
    if (deliveries.every((delivery) => delivery.attempts.length > 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Dates the seeded rows as if they had happened over the last weeks (the flows ran just now):
 * each row gets its stamp's date, and what its flow wrote on the side (the Stripe calls it made,
 * its outcome report, its order's webhook) moves back by as much, so it keeps its place.
 */
async function backdate(
  { prisma }: Services,
  stamps: Stamp[],
  requestsAfter: number,
): Promise<void> {
  const shiftMs = (stamp: Stamp) => stamp.ranFrom.getTime() - stamp.at.getTime();
  const shifted = (date: Date | null, stamp: Stamp) =>
    date && new Date(date.getTime() - shiftMs(stamp));
  const idsOf = (table: Stamp["table"]) => stamps.filter((s) => s.table === table).map((s) => s.id);
  const [evaluations, orders, requests] = await Promise.all([
    prisma.customerEvaluation.findMany({
      where: { id: { in: idsOf("evaluation") } },
      select: { id: true, stripeId: true, stripeCustomerId: true, reportedAt: true },
    }),
    prisma.order.findMany({
      where: { id: { in: idsOf("order") } },
      select: {
        id: true,
        webhookConfirmedAt: true,
        paymentMethod: true,
        user: { select: { stripeCustomerId: true } },
        attempts: { select: { paymentEvaluationId: true } },
      },
    }),
    prisma.stripeRequest.findMany({
      where: { id: { gt: requestsAfter } },
      select: {
        id: true,
        path: true,
        createdAt: true,
        customerId: true,
        evaluationId: true,
        orderId: true,
        responseBody: true,
      },
    }),
  ]);
  const evaluationById = new Map(evaluations.map((e) => [e.id, e]));
  const orderById = new Map(orders.map((o) => [o.id, o]));

  // Which stamp a Stripe call belongs to: by the evaluation or order it names, else by its
  // customer or its PaymentMethod and the moment it was made (a customer's steps run one after
  // the other).
  const byStripeObject = new Map<string, Stamp>();
  const byWindow: { objectId: string; stamp: Stamp }[] = [];
  for (const stamp of stamps) {
    const evaluation = stamp.table === "evaluation" ? evaluationById.get(stamp.id) : undefined;
    const order = stamp.table === "order" ? orderById.get(stamp.id) : undefined;
    if (evaluation?.stripeId) byStripeObject.set(evaluation.stripeId, stamp);
    if (order) byStripeObject.set(order.id, stamp);
    for (const attempt of order?.attempts ?? []) {
      if (attempt.paymentEvaluationId) byStripeObject.set(attempt.paymentEvaluationId, stamp);
    }
    const customerId = evaluation?.stripeCustomerId ?? order?.user.stripeCustomerId;
    if (customerId) byWindow.push({ objectId: customerId, stamp });
    if (order?.paymentMethod) byWindow.push({ objectId: order.paymentMethod, stamp });
  }
  // The card that paid an order is read again when its webhook arrives, after the order's step:
  // the PaymentIntent's answer names it, so that call goes with the order too.
  for (const request of requests) {
    const stamp = request.orderId && byStripeObject.get(request.orderId);
    const paidWith = paymentMethodOf(request.responseBody);
    if (stamp && paidWith) byStripeObject.set(paidWith, stamp);
  }
  const requestsOf = new Map<Stamp, number[]>();
  for (const request of requests) {
    const stamp =
      (request.evaluationId && byStripeObject.get(request.evaluationId)) ||
      (request.orderId && byStripeObject.get(request.orderId)) ||
      byStripeObject.get(request.path.slice(request.path.lastIndexOf("/") + 1)) ||
      byWindow.find(
        ({ objectId, stamp }) =>
          (objectId === request.customerId || request.path.endsWith(`/${objectId}`)) &&
          request.createdAt >= stamp.ranFrom &&
          request.createdAt <= stamp.ranTo,
      )?.stamp;
    if (stamp) requestsOf.set(stamp, [...(requestsOf.get(stamp) ?? []), request.id]);
  }

  await prisma.$transaction(
    stamps.flatMap((stamp): Prisma.PrismaPromise<unknown>[] => {
      const { table, id, at } = stamp;
      const calls = requestsOf.get(stamp) ?? [];
      const moveCalls =
        calls.length === 0
          ? []
          : [
              prisma.$executeRaw`UPDATE "StripeRequest"
                SET "createdAt" = "createdAt" - ${shiftMs(stamp)}::float8 * interval '1 millisecond'
                WHERE "id" IN (${Prisma.join(calls)})`,
            ];
      if (table === "user") return [prisma.user.update({ where: { id }, data: { createdAt: at } })];
      if (table === "evaluation") {
        const reportedAt = shifted(evaluationById.get(id)?.reportedAt ?? null, stamp);
        return [
          prisma.customerEvaluation.update({ where: { id }, data: { createdAt: at, reportedAt } }),
          ...moveCalls,
        ];
      }
      const webhookConfirmedAt = shifted(orderById.get(id)?.webhookConfirmedAt ?? null, stamp);
      return [
        prisma.order.update({
          where: { id },
          data: { createdAt: at, updatedAt: webhookConfirmedAt ?? at, webhookConfirmedAt },
        }),
        prisma.paymentAttempt.updateMany({
          where: { orderId: id },
          data: { createdAt: at, updatedAt: at },
        }),
        ...moveCalls,
      ];
    }),
  );
}

/** The PaymentMethod a PaymentIntent's answer names, when the body is one. */
function paymentMethodOf(body: Prisma.JsonValue): string | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
  const paymentMethod = body.payment_method;
  return typeof paymentMethod === "string" && paymentMethod.startsWith("pm_")
    ? paymentMethod
    : undefined;
}
