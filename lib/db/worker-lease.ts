import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Long enough for one run of a worker; a lease left by a crashed process frees itself then. */
const LEASE_SECONDS = 5 * 60;

/**
 * Runs `work` while holding the named lease, so that of several app instances on one database
 * one at a time does it. Returns null without running it when another holder's lease is live.
 *
 * Taking the lease is one atomic statement: the row is inserted, or taken over only when its
 * lease has expired. Times are the database's, so instances' clocks need not agree.
 */
export async function withWorkerLease<T>(
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
