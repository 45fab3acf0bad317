import { beforeAll, describe, expect, it } from "vitest";
import { logInUser } from "@/lib/accounts/log-in";
import { placeOrder } from "@/lib/checkout/place-order";
import { RESET_REFUSED_WITH_STRIPE, resetDemo, seedHistoryIfEmpty } from "@/lib/demo/reset-demo";
import { SEEDED_PASSWORD } from "@/lib/demo/seed-history";
import { recordStripeRequests } from "@/lib/stripe/request-log";
import { testCheckoutForm } from "@/lib/testing/checkout-fixtures";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";

const emulator = setUpTestEmulator();
/** A seeding is a few hundred flows through the app; two of them on a busy machine take a while. */
const SEEDING_MS = 60_000;

describe.each(testDatabaseKinds())("demo history and reset on $label", (kind) => {
  // Each database gets the history of a fresh Stripe account, as at a first start.
  beforeAll(() => emulator.api.reset());
  const app = setUpTestServices(kind, emulator, 5_000);
  const counts = async () => ({
    users: await app.prisma.user.count(),
    evaluations: await app.prisma.customerEvaluation.count(),
    orders: await app.prisma.order.count(),
  });

  it(
    "seeds weeks of users, blocked sign-ups, log-ins and orders on an empty database, once",
    async () => {
      const summary = await seedHistoryIfEmpty(app.services, emulator.api);
      expect(summary?.users).toBeGreaterThanOrEqual(24);
      expect(summary?.blockedSignUps).toBeGreaterThanOrEqual(2);
      const decisions = await app.prisma.customerEvaluation.groupBy({
        by: ["eventType", "decision"],
        _count: true,
      });
      const seen = decisions.map((d) => `${d.eventType}:${d.decision}`);
      for (const expected of ["registration:allow", "registration:review", "registration:block"]) {
        expect(seen).toContain(expected);
      }
      for (const expected of ["login:allow", "login:review", "login:block"]) {
        expect(seen).toContain(expected);
      }
      const statuses = (await app.prisma.order.groupBy({ by: ["status"], _count: true })).map(
        (s) => s.status,
      );
      expect(statuses).toEqual(expect.arrayContaining(["paid", "declined", "blocked"]));
      const oldest = await app.prisma.user.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
      expect(Date.now() - oldest.createdAt.getTime()).toBeGreaterThan(21 * 24 * 3600 * 1000);
      // Every seeded user's Customer exists at Stripe.
      const user = await app.prisma.user.findFirstOrThrow({
        where: { stripeCustomerId: { not: null } },
      });
      await expect(
        app.stripe.customers.retrieve(user.stripeCustomerId as string),
      ).resolves.toMatchObject({
        id: user.stripeCustomerId,
      });

      expect(await seedHistoryIfEmpty(app.services, emulator.api)).toBeNull();
    },
    SEEDING_MS,
  );

  it(
    "dates nothing it seeds after the moment it was seeded, the Stripe calls included",
    async () => {
      const stripeRequests = recordStripeRequests(app.services.stripe, {
        prisma: app.prisma,
        noResponseAfterMs: 5_000,
      });
      const seeded = new Date();
      await resetDemo({ ...app.services, stripeRequests }, "emulator", emulator.api);
      stripeRequests.stop();
      const [users, evaluations, orders, attempts] = await Promise.all([
        app.prisma.user.aggregate({ _max: { createdAt: true } }),
        app.prisma.customerEvaluation.aggregate({ _max: { createdAt: true, reportedAt: true } }),
        app.prisma.order.aggregate({
          _max: { createdAt: true, updatedAt: true, webhookConfirmedAt: true },
        }),
        app.prisma.paymentAttempt.aggregate({ _max: { createdAt: true, updatedAt: true } }),
      ]);
      const dates = [users, evaluations, orders, attempts]
        .flatMap(({ _max }) => Object.values(_max))
        .filter((date): date is Date => date instanceof Date);
      expect(dates.length).toBeGreaterThanOrEqual(7);
      for (const date of dates) expect(date.getTime()).toBeLessThan(seeded.getTime());

      // Each Stripe call is dated with the step that made it: a sign-up's evaluation request on
      // the day of that sign-up, and none on the day of seeding.
      const requests = await app.prisma.stripeRequest.findMany({
        select: { createdAt: true, evaluationId: true },
      });
      expect(requests.length).toBeGreaterThan(100);
      for (const request of requests) {
        expect(request.createdAt.getTime()).toBeLessThan(seeded.getTime() - 3600_000);
      }
      const signUp = await app.prisma.customerEvaluation.findFirstOrThrow({
        where: { eventType: "registration", stripeId: { not: null } },
        orderBy: { createdAt: "asc" },
      });
      const itsRequests = requests.filter((r) => r.evaluationId === signUp.stripeId);
      expect(itsRequests.length).toBeGreaterThan(0);
      for (const request of itsRequests) {
        expect(Math.abs(request.createdAt.getTime() - signUp.createdAt.getTime())).toBeLessThan(
          60_000,
        );
      }
    },
    SEEDING_MS,
  );

  it(
    "resets the app and the emulator together: a seeded user can still log in and pay",
    async () => {
      const before = await app.prisma.user.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
      const result = await resetDemo(app.services, "emulator", emulator.api);
      expect(result.kind).toBe("reset");
      // The old Customer is gone from the emulator, and no user points at it.
      await expect(
        app.stripe.customers.retrieve(before.stripeCustomerId as string),
      ).rejects.toThrow();
      expect(
        await app.prisma.user.count({ where: { stripeCustomerId: before.stripeCustomerId } }),
      ).toBe(0);
      const order = await app.prisma.order.findFirstOrThrow({ orderBy: { number: "asc" } });
      expect(order.number).toBe(1);

      // A shopper who has logged in from one device: this log-in, from a second one, is allowed.
      const users = await app.prisma.user.findMany({
        include: { evaluations: { where: { eventType: "login" } } },
        orderBy: { createdAt: "asc" },
      });
      const user = users.find((u) => u.evaluations.length === 1 && !u.needsReview);
      if (!user) throw new Error("The history has no shopper with a single log-in");
      const device = {
        deviceId: "after-reset",
        timezone: "UTC",
        userAgent: "test",
        ip: "10.99.0.1",
      };
      const login = await logInUser(
        app.services,
        {
          email: user.email,
          password: SEEDED_PASSWORD,
          radar_session: await emulator.api.createRadarSession(device),
        },
        { clientIp: device.ip },
      );
      expect(login.kind).toBe("signed_in");
      const paid = await placeOrder(app.services, user, testCheckoutForm());
      expect(paid.kind).toBe("paid");
    },
    SEEDING_MS,
  );

  it(
    "a reset asked while the first history is being written waits for it",
    async () => {
      await app.prisma.user.deleteMany();
      await app.prisma.customerEvaluation.deleteMany();
      const [first, reset] = await Promise.all([
        seedHistoryIfEmpty(app.services, emulator.api),
        resetDemo(app.services, "emulator", emulator.api),
      ]);
      expect(first?.users).toBeGreaterThanOrEqual(24);
      expect(reset.kind === "reset" && reset.summary.users).toBe(first?.users);
      expect(await app.prisma.user.count()).toBe(first?.users);
    },
    SEEDING_MS,
  );

  it("refuses to reset with Stripe keys and changes nothing, in the app or at Stripe", async () => {
    const before = await counts();
    const customer = (await app.prisma.user.findFirstOrThrow()).stripeCustomerId as string;
    const result = await resetDemo(app.services, "stripe", emulator.api);
    expect(result).toEqual({ kind: "refused", message: RESET_REFUSED_WITH_STRIPE });
    expect(await counts()).toEqual(before);
    await expect(app.stripe.customers.retrieve(customer)).resolves.toMatchObject({
      id: customer,
    });
  });
});
