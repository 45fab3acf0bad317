import { emulatorApi, type StartedEmulator, startEmulator } from "stripe-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logInUser } from "@/lib/accounts/log-in";
import { placeOrder } from "@/lib/checkout/place-order";
import { RESET_REFUSED_WITH_STRIPE, resetDemo, seedHistoryIfEmpty } from "@/lib/demo/reset-demo";
import { SEEDED_PASSWORD } from "@/lib/demo/seed-history";
import type { Services } from "@/lib/services/services";
import { testCheckoutForm } from "@/lib/testing/checkout-fixtures";
import { type TestDatabase, testDatabaseKinds } from "@/lib/testing/test-databases";
import { createTestServices } from "@/lib/testing/test-services";

let emulator: StartedEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator?.stop());

describe.each(testDatabaseKinds())("demo history and reset on $label", ({ create }) => {
  let database: TestDatabase;
  let services: Services;
  const control = () => emulatorApi(emulator.url, emulator.controlToken);
  const counts = async () => ({
    users: await services.prisma.user.count(),
    evaluations: await services.prisma.customerEvaluation.count(),
    orders: await services.prisma.order.count(),
  });

  beforeAll(async () => {
    // Each database gets the history of a fresh Stripe account, as at a first start.
    await control().reset();
    database = await create();
    services = await createTestServices(database, emulator, 5_000);
  });
  afterAll(async () => {
    await services.prisma.$disconnect();
    await database.dispose();
  });

  it("seeds weeks of users, blocked sign-ups, log-ins and orders on an empty database, once", async () => {
    const summary = await seedHistoryIfEmpty(services, control());
    expect(summary?.users).toBeGreaterThanOrEqual(24);
    expect(summary?.blockedSignUps).toBeGreaterThanOrEqual(2);
    const decisions = await services.prisma.customerEvaluation.groupBy({
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
    const statuses = (await services.prisma.order.groupBy({ by: ["status"], _count: true })).map(
      (s) => s.status,
    );
    expect(statuses).toEqual(expect.arrayContaining(["paid", "declined", "blocked"]));
    const oldest = await services.prisma.user.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    expect(Date.now() - oldest.createdAt.getTime()).toBeGreaterThan(21 * 24 * 3600 * 1000);
    // Every seeded user's Customer exists at Stripe.
    const user = await services.prisma.user.findFirstOrThrow({
      where: { stripeCustomerId: { not: null } },
    });
    await expect(
      services.stripe.customers.retrieve(user.stripeCustomerId as string),
    ).resolves.toMatchObject({
      id: user.stripeCustomerId,
    });

    expect(await seedHistoryIfEmpty(services, control())).toBeNull();
  });

  it("resets the app and the emulator together: a seeded user can still log in and pay", async () => {
    const before = await services.prisma.user.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    const result = await resetDemo(services, "emulator", control());
    expect(result.kind).toBe("reset");
    // The old Customer is gone from the emulator, and no user points at it.
    await expect(
      services.stripe.customers.retrieve(before.stripeCustomerId as string),
    ).rejects.toThrow();
    expect(
      await services.prisma.user.count({ where: { stripeCustomerId: before.stripeCustomerId } }),
    ).toBe(0);
    const order = await services.prisma.order.findFirstOrThrow({ orderBy: { number: "asc" } });
    expect(order.number).toBe(1);

    // A shopper who has logged in from one device: this log-in, from a second one, is allowed.
    const users = await services.prisma.user.findMany({
      include: { evaluations: { where: { eventType: "login" } } },
      orderBy: { createdAt: "asc" },
    });
    const user = users.find((u) => u.evaluations.length === 1 && !u.needsReview);
    if (!user) throw new Error("The history has no shopper with a single log-in");
    const device = { deviceId: "after-reset", timezone: "UTC", userAgent: "test", ip: "10.99.0.1" };
    const login = await logInUser(
      services,
      {
        email: user.email,
        password: SEEDED_PASSWORD,
        radar_session: await control().createRadarSession(device),
      },
      device.ip,
    );
    expect(login.kind).toBe("signed_in");
    const paid = await placeOrder(services, user, testCheckoutForm());
    expect(paid.kind).toBe("paid");
  });

  it("a reset asked while the first history is being written waits for it", async () => {
    await services.prisma.user.deleteMany();
    await services.prisma.customerEvaluation.deleteMany();
    const [first, reset] = await Promise.all([
      seedHistoryIfEmpty(services, control()),
      resetDemo(services, "emulator", control()),
    ]);
    expect(first?.users).toBeGreaterThanOrEqual(24);
    expect(reset.kind === "reset" && reset.summary.users).toBe(first?.users);
    expect(await services.prisma.user.count()).toBe(first?.users);
  });

  it("refuses to reset with Stripe keys and changes nothing, in the app or at Stripe", async () => {
    const before = await counts();
    const customer = (await services.prisma.user.findFirstOrThrow()).stripeCustomerId as string;
    const result = await resetDemo(services, "stripe", control());
    expect(result).toEqual({ kind: "refused", message: RESET_REFUSED_WITH_STRIPE });
    expect(await counts()).toEqual(before);
    await expect(services.stripe.customers.retrieve(customer)).resolves.toMatchObject({
      id: customer,
    });
  });
});
