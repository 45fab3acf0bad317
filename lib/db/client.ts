import "server-only";
import { config } from "@/lib/config";
import { createAdapterFactory } from "@/lib/db/adapter-factory";
import { PrismaClient } from "@/lib/generated/prisma/client";

const cache = globalThis as unknown as { __prisma?: PrismaClient };

/**
 * The process-wide Prisma client, created on first use (so `next build` opens no database) and
 * kept on globalThis so hot reloads and separate module graphs share one connection pool.
 */
export function db(): PrismaClient {
  if (!cache.__prisma) {
    cache.__prisma = new PrismaClient({ adapter: createAdapterFactory(config.database) });
  }
  return cache.__prisma;
}
