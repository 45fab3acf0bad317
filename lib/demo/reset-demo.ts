import type { EmulatorApi } from "stripe-emulator";
import { type SeedSummary, seedHistory } from "@/lib/demo/seed-history";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Services } from "@/lib/services/services";

export const RESET_REFUSED_WITH_STRIPE =
  "Reset is only available with the local Stripe emulator. With Stripe keys the app's users point at Customers in your Stripe account, which a reset here cannot delete: clear test data in the Stripe Dashboard instead.";

/** Tables that are not the demo's data: the catalogue and the migrations' own bookkeeping. */
const KEPT_TABLES = new Set(["_prisma_migrations", "Product"]);

/** Empties every table of the app's data (users, evaluations, orders, sessions, counters...). */
export async function clearAppData(prisma: PrismaClient): Promise<void> {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`;
  const names = tables.map((t) => t.tablename).filter((name) => !KEPT_TABLES.has(name));
  if (names.length === 0) return;
  await prisma.$executeRawUnsafe(
    `TRUNCATE ${names.map((name) => `"${name.replaceAll('"', '""')}"`).join(", ")} RESTART IDENTITY CASCADE`,
  );
}

export type ResetResult =
  | { kind: "reset"; summary: SeedSummary }
  | { kind: "refused"; message: string };

/**
 * Starts the demo over: the app's data and the emulator's state are cleared together (the app's
 * first, so no user is ever left pointing at a Customer the emulator forgot), then the history (and
 * any missing catalogue product) is seeded again. Refused with Stripe keys.
 */
export async function resetDemo(
  services: Services,
  stripeMode: "emulator" | "stripe",
  emulator: EmulatorApi | null,
): Promise<ResetResult> {
  if (stripeMode !== "emulator" || !emulator)
    return { kind: "refused", message: RESET_REFUSED_WITH_STRIPE };
  return oneAtATime(async () => {
    await clearAppData(services.prisma);
    await emulator.reset();
    return { kind: "reset", summary: await seedHistory(services, emulator) };
  });
}

/** Seeds the history when the database has no user and no evaluation yet (a first start). */
export async function seedHistoryIfEmpty(
  services: Services,
  emulator: EmulatorApi,
): Promise<SeedSummary | null> {
  return oneAtATime(async () => {
    const [users, evaluations] = await Promise.all([
      services.prisma.user.count(),
      services.prisma.customerEvaluation.count(),
    ]);
    if (users > 0 || evaluations > 0) return null;
    return seedHistory(services, emulator);
  });
}

// Kept on globalThis: the start-up hook and the page's action are separate module graphs in Next.
const queue = globalThis as unknown as { __demoWork?: Promise<unknown> };

/**
 * Seeding and resetting run one after the other in this process: a reset pressed while the
 * first-run history is still being written waits for it instead of emptying tables under it.
 */
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = (queue.__demoWork ?? Promise.resolve()).then(task, task);
  queue.__demoWork = run.catch(() => undefined);
  return run;
}
