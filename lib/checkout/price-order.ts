import type { PrismaClient } from "@/lib/generated/prisma/client";

export type PricedLine = { productId: string; name: string; unitAmount: number; quantity: number };
export type PricedOrder = {
  lines: PricedLine[];
  amount: number;
  currency: string;
  description: string;
};

export type PricingResult =
  | { kind: "priced"; order: PricedOrder }
  | { kind: "invalid"; field: string; message: string };

/** Prices the chosen items from the catalogue in the database: the only source of amounts. */
export async function priceOrder(
  prisma: PrismaClient,
  items: { productId: string; quantity: number }[],
): Promise<PricingResult> {
  const products = await prisma.product.findMany({
    where: { id: { in: items.map((item) => item.productId) } },
  });
  const byId = new Map(products.map((product) => [product.id, product]));
  const lines: PricedLine[] = [];
  for (const item of items) {
    const product = byId.get(item.productId);
    if (!product) {
      return { kind: "invalid", field: "items", message: `Unknown product: ${item.productId}.` };
    }
    lines.push({
      productId: product.id,
      name: product.name,
      unitAmount: product.unitAmount,
      quantity: item.quantity,
    });
  }
  const currencies = new Set(products.map((product) => product.currency));
  if (currencies.size !== 1) {
    return {
      kind: "invalid",
      field: "items",
      message: "Products in one order must share a currency.",
    };
  }
  return {
    kind: "priced",
    order: {
      lines,
      amount: lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0),
      currency: [...currencies][0] ?? "usd",
      description: lines.map((line) => `${line.quantity} × ${line.name}`).join(", "),
    },
  };
}
