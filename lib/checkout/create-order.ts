import type { CheckoutForm } from "@/lib/checkout/checkout-form";
import type { PricedOrder } from "@/lib/checkout/price-order";
import { type Order, Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

/** A random ID of letters and digits, as Prisma's `cuid()` makes: it goes in URLs like /orders/<id>. */
const ID = Prisma.raw(`replace(gen_random_uuid()::text, '-', '')`);

export type NewOrder = {
  checkoutId: string;
  userId: string;
  priced: PricedOrder;
  billing: CheckoutForm["billing"];
  shipping: CheckoutForm["shipping"];
};

/**
 * Saves an order with its lines in one statement. Prisma sends a nested create as five round
 * trips (BEGIN, the order, its lines, the order read back, COMMIT); this is one, and as atomic:
 * an order is never seen without its lines. The same checkout ID saved twice is refused by its
 * unique index, as a unique violation (`isUniqueViolation`).
 */
export async function createOrder(prisma: PrismaClient, order: NewOrder): Promise<Order> {
  const { priced } = order;
  const now = new Date();
  const [saved] = await prisma.$queryRaw<Order[]>`
    WITH "order" AS (
      INSERT INTO "Order" ("id", "checkoutId", "userId", "amount", "currency", "description",
        "billingDetails", "shippingDetails", "createdAt", "updatedAt")
      VALUES (${ID}, ${order.checkoutId}, ${order.userId}, ${priced.amount},
        ${priced.currency}, ${priced.description}, ${JSON.stringify(order.billing)}::jsonb,
        ${order.shipping ? JSON.stringify(order.shipping) : null}::jsonb,
        ${now}::timestamp, ${now}::timestamp)
      RETURNING *
    ), "lines" AS (
      INSERT INTO "OrderItem" ("id", "orderId", "productId", "name", "unitAmount", "quantity")
      SELECT ${ID}, "order"."id", line."productId", line."name",
        line."unitAmount", line."quantity"
      FROM "order", jsonb_to_recordset(${JSON.stringify(priced.lines)}::jsonb)
        AS line("productId" text, "name" text, "unitAmount" integer, "quantity" integer)
    )
    SELECT * FROM "order"`;
  if (!saved) throw new Error(`Order ${order.checkoutId} was not saved`);
  return saved;
}
