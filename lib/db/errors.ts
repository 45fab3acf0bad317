import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";

/** How a raw statement's failure (P2010) carries the driver adapter's own account of it. */
const driverAdapterFailure = z.object({
  driverAdapterError: z.object({ cause: z.object({ kind: z.string() }) }),
});

/**
 * A unique constraint refused the write: usually a concurrent request got there first. Prisma's
 * own queries say so with P2002; a raw statement's failure is P2010, with the adapter's kind.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2002") return true;
  const failure = driverAdapterFailure.safeParse(error.meta);
  return (
    error.code === "P2010" &&
    failure.success &&
    failure.data.driverAdapterError.cause.kind === "UniqueConstraintViolation"
  );
}
