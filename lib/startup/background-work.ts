import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { settlePendingOrders } from "@/lib/checkout/settle-pending-orders";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sendPendingReports } from "@/lib/radar/outcome-reports";
import type { Services } from "@/lib/services/services";

/**
 * As often as the first retry of a report falls due (lib/radar/outcome-reports.ts), so a report
 * Stripe could not take is retried on time; a run with nothing due is three short statements.
 */
const EVERY_MS = 10_000;

/**
 * Settles orders a request left unfinished and sends due outcome reports: once now, then every
 * ten seconds for as long as the server runs (the timer does not keep the process alive). Each job
 * holds a database lease, so with several instances one at a time does it.
 */
export function startBackgroundWork(services: Pick<Services, "prisma" | "stripe" | "radar">): void {
  const { prisma } = services;
  const run = async () => {
    await withWorkerLease(prisma, "settle-pending-orders", () =>
      settlePendingOrders(services),
    ).catch((error) => console.error("Settling pending orders failed:", error));
    await withWorkerLease(prisma, "outcome-reports", () =>
      sendPendingReports(prisma, services.radar),
    ).catch((error) => console.error("Sending outcome reports failed:", error));
  };
  void run();
  setInterval(run, EVERY_MS).unref();
}

/** Long enough for one run of a worker; a lease left by a crashed process frees itself then. */
const LEASE_SECONDS = 5 * 60;

/**
 * Runs `work` while holding the named lease, so that of several app instances on one database
 * one at a time does it. Returns null without running it when another holder's lease is live.
 *
 * Taking the lease is one atomic statement: the row is inserted, or taken over only when its
 * lease has expired. Times are the database's, so instances' clocks need not agree.
 */
async function withWorkerLease<T>(
  prisma: PrismaClient,
  name: string,
  work: () => Promise<T>,
): Promise<T | null> {
  const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  const lease = `${LEASE_SECONDS} seconds`;
  const taken = await prisma.$executeRaw`
    INSERT INTO "WorkerLease" ("name", "holder", "expiresAt")
    VALUES (${name}, ${holder}, LOCALTIMESTAMP + ${lease}::interval)
    ON CONFLICT ("name") DO UPDATE
      SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "WorkerLease"."expiresAt" < LOCALTIMESTAMP`;
  if (taken === 0) return null;
  try {
    return await work();
  } finally {
    await prisma.$executeRaw`
      DELETE FROM "WorkerLease" WHERE "name" = ${name} AND "holder" = ${holder}`;
  }
}
