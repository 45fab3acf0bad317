import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQueryable,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { timed } from "@/lib/timings/request-timings";

const TIMED_METHODS = new Set(["queryRaw", "executeRaw", "executeScript", "commit", "rollback"]);

/** `target` with each method that sends SQL timed as database work, and its transactions too. */
function timeQueries<T extends SqlQueryable>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      const name = String(property);
      if (name === "startTransaction") {
        return async (...args: unknown[]) =>
          timeQueries(
            await timed("database", () => value.apply(object, args) as Promise<Transaction>),
          );
      }
      if (!TIMED_METHODS.has(name)) return value.bind(object);
      return (...args: unknown[]) => timed("database", () => value.apply(object, args));
    },
  });
}

/**
 * Prisma's driver adapter with every statement it sends timed and counted, so a request's
 * database round trips and their time are known (REQUEST_TIMINGS_FILE).
 */
export function timedAdapterFactory(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  return new Proxy(factory, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (property === "connect" || property === "connectToShadowDb") {
        return async () => timeQueries((await value.apply(object)) as SqlDriverAdapter);
      }
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}
