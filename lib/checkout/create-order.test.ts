import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrder, type NewOrder } from "@/lib/checkout/create-order";
import type { PricedLine } from "@/lib/checkout/price-order";
import { isUniqueViolation } from "@/lib/db/errors";
import { TEST_BILLING } from "@/lib/testing/checkout-fixtures";
import { setUpTestDatabase } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";

const NOTEBOOK: PricedLine = {
  productId: "prod_field_notes",
  name: "Field notes",
  unitAmount: 1_200,
  quantity: 2,
};
const PEN: PricedLine = { productId: "prod_pen", name: "Pen", unitAmount: 350, quantity: 1 };

describe.each(testDatabaseKinds())("createOrder on $label", (kind) => {
  const database = setUpTestDatabase(kind);
  let userId: string;

  beforeAll(async () => {
    ({ id: userId } = await database.prisma.user.create({
      data: { email: `${randomUUID()}@example.com`, name: "Jenny Rosen", passwordHash: "x" },
    }));
  });

  const newOrder = (lines: PricedLine[], overrides: Partial<NewOrder> = {}): NewOrder => ({
    checkoutId: randomUUID(),
    userId,
    priced: {
      lines,
      amount: lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0),
      currency: "usd",
      description: lines.map((line) => `${line.quantity} × ${line.name}`).join(", "),
    },
    billing: TEST_BILLING,
    shipping: undefined,
    ...overrides,
  });

  it("saves the order and its lines, and returns the order as Prisma reads it", async () => {
    const shipping = {
      name: "Jenny Rosen",
      address: { line1: "1 Rue de Rivoli", city: "Paris", postal_code: "75001", country: "FR" },
    };
    const saved = await createOrder(database.prisma, newOrder([NOTEBOOK, PEN], { shipping }));
    const read = await database.prisma.order.findUniqueOrThrow({
      where: { id: saved.id },
      include: { items: true },
    });
    const { items, ...order } = read;
    expect(saved).toEqual(order);
    // Letters and digits, like the IDs Prisma makes: order pages are /orders/<id>.
    for (const id of [order.id, ...items.map((item) => item.id)]) {
      expect(id).toMatch(/^[a-z0-9]+$/);
    }
    expect(order).toMatchObject({
      status: "pending",
      amount: 2_750,
      billingDetails: TEST_BILLING,
      shippingDetails: shipping,
      paymentIntentId: null,
    });
    expect(order.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(order.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(
      items.map(({ productId, name, unitAmount, quantity }) => ({
        productId,
        name,
        unitAmount,
        quantity,
      })),
    ).toEqual(expect.arrayContaining([NOTEBOOK, PEN]));
    expect(items).toHaveLength(2);
  });

  it("gives each order the next number", async () => {
    const first = await createOrder(database.prisma, newOrder([PEN]));
    const second = await createOrder(database.prisma, newOrder([PEN]));
    expect(second.number).toBeGreaterThan(first.number);
  });

  it("refuses a checkout ID sent twice at once as a unique violation, keeping one order", async () => {
    const order = newOrder([NOTEBOOK]);
    const results = await Promise.allSettled([
      createOrder(database.prisma, order),
      createOrder(database.prisma, order),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected");
    expect(isUniqueViolation(refused?.reason)).toBe(true);
    const saved = await database.prisma.order.findMany({
      where: { checkoutId: order.checkoutId },
      include: { items: true },
    });
    expect(saved).toHaveLength(1);
    expect(saved[0]?.items).toHaveLength(1);
  });

  it("saves nothing when a line cannot be saved: no order without its lines", async () => {
    const order = newOrder([NOTEBOOK, { ...PEN, quantity: null as unknown as number }]);
    await expect(createOrder(database.prisma, order)).rejects.toThrow();
    expect(await database.prisma.order.count({ where: { checkoutId: order.checkoutId } })).toBe(0);
  });
});
