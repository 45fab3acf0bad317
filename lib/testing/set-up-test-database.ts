import { afterAll, beforeAll } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  migratedPrisma,
  type TestDatabase,
  type TestDatabaseKind,
} from "@/lib/testing/test-databases";

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
