import type Stripe from "stripe";
import { afterAll, beforeAll } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Services } from "@/lib/services/services";
import {
  migratedPrisma,
  type TestDatabase,
  type TestDatabaseKind,
} from "@/lib/testing/test-databases";
import { createTestServices, type TestEmulatorAddress } from "@/lib/testing/test-services";

/**
 * A database of this kind for the enclosing `describe`, migrated, with a Prisma client on it:
 * made before its tests, closed and removed after them. The client is a getter: it exists once
 * `beforeAll` has run.
 */
export function setUpTestDatabase(kind: TestDatabaseKind) {
  let database: TestDatabase | undefined;
  let prisma: PrismaClient | undefined;
  beforeAll(async () => {
    database = await kind.create();
    prisma = await migratedPrisma(database);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.dispose();
  });
  return {
    get prisma(): PrismaClient {
      if (!prisma) throw new Error("The test database is made in beforeAll");
      return prisma;
    },
  };
}

/**
 * The app's services for the enclosing `describe`, on a database of this kind (made and removed
 * as `setUpTestDatabase` does) and on the emulator. The emulator is read in `beforeAll`, so
 * `setUpTestEmulator`'s getters can be passed; the services are getters for the same reason.
 */
export function setUpTestServices(
  kind: TestDatabaseKind,
  emulator: TestEmulatorAddress,
  timeoutMs?: number,
  environment?: Record<string, string | undefined>,
) {
  const database = setUpTestDatabase(kind);
  let services: Services | undefined;
  beforeAll(() => {
    services = createTestServices(database.prisma, emulator, timeoutMs, environment);
  });
  const ready = (): Services => {
    if (!services) throw new Error("The test services are made in beforeAll");
    return services;
  };
  return {
    get services(): Services {
      return ready();
    },
    get prisma(): PrismaClient {
      return ready().prisma;
    },
    get stripe(): Stripe {
      return ready().stripe;
    },
  };
}
