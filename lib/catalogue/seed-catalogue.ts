import { DEMO_PRODUCTS } from "@/lib/catalogue/demo-products";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Inserts the demo products that are missing; existing rows (and their prices) are kept. */
export async function seedCatalogue(prisma: PrismaClient): Promise<number> {
  const { count } = await prisma.product.createMany({
    data: [...DEMO_PRODUCTS],
    skipDuplicates: true,
  });
  return count;
}
