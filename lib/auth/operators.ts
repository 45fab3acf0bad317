import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Grants or revokes the operator right of an existing account, found by its email (lower-cased,
 * as registration stores it). Returns false when no account has this email: a right is never
 * kept for an address that someone could register later.
 */
export async function setOperator(
  prisma: PrismaClient,
  email: string,
  operator: boolean,
): Promise<boolean> {
  const { count } = await prisma.user.updateMany({
    where: { email: email.trim().toLowerCase() },
    data: { operator },
  });
  return count === 1;
}

/** The emails of every operator, sorted. */
export async function listOperators(prisma: PrismaClient): Promise<string[]> {
  const operators = await prisma.user.findMany({
    where: { operator: true },
    select: { email: true },
    orderBy: { email: "asc" },
  });
  return operators.map((user) => user.email);
}
