import type { Order } from "@/lib/generated/prisma/client";

/** How people name an order: by its number, never by its database ID. */
export function orderTitle(order: Pick<Order, "number">): string {
  return `Order #${order.number}`;
}
