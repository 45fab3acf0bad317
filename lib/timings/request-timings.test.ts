import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RequestTiming, recordRequestTimings, timed } from "@/lib/timings/request-timings";
import { timedAdapterFactory } from "@/lib/timings/timed-adapter";

const directory = mkdtempSync(join(tmpdir(), "request-timings-"));
const file = join(directory, "timings.jsonl");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const query = async () => {
  await sleep(5);
  return { columnTypes: [], columnNames: [], rows: [] };
};
const fakeFactory = {
  provider: "postgres",
  adapterName: "fake",
  connect: async () => ({
    provider: "postgres",
    adapterName: "fake",
    queryRaw: query,
    executeRaw: async () => 1,
    executeScript: async () => {},
    startTransaction: async () => ({
      options: { usePhantomQuery: false },
      queryRaw: query,
      commit: async () => {},
      rollback: async () => {},
    }),
    dispose: async () => {},
  }),
  connectToShadowDb: async () => {
    throw new Error("unused");
  },
} as unknown as SqlMigrationAwareDriverAdapterFactory;

let server: Server;
let url: string;

beforeAll(async () => {
  recordRequestTimings(file);
  const adapter = await timedAdapterFactory(fakeFactory).connect();
  server = createServer(async (request, response) => {
    if (request.url?.startsWith("/work")) {
      await timed("hash", () => sleep(20));
      await adapter.queryRaw({ sql: "SELECT 1", args: [], argTypes: [] });
      const transaction = await adapter.startTransaction();
      await transaction.queryRaw({ sql: "SELECT 2", args: [], argTypes: [] });
      await transaction.commit();
    }
    response.end("done");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
  rmSync(directory, { recursive: true, force: true });
});

const lines = () =>
  readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as RequestTiming);

describe("request timings", () => {
  it("adds each request's own hash and database work to its line, apart from another's", async () => {
    await Promise.all([fetch(`${url}/work?x=1`), fetch(`${url}/idle`)]);
    await sleep(10);
    const work = lines().find((line) => line.path === "/work");
    const idle = lines().find((line) => line.path === "/idle");
    expect(work).toMatchObject({ method: "GET", status: 200 });
    expect(work?.calls).toEqual({ hash: 1, database: 4, stripe: 0 });
    expect(work?.ms.hash).toBeGreaterThanOrEqual(19);
    expect(work?.ms.database).toBeGreaterThanOrEqual(9);
    expect(work?.totalMs).toBeGreaterThanOrEqual((work?.ms.hash ?? 0) + (work?.ms.database ?? 0));
    expect(idle?.calls).toEqual({ hash: 0, database: 0, stripe: 0 });
  });

  it("does nothing outside a request", async () => {
    await expect(timed("hash", async () => 42)).resolves.toBe(42);
  });
});
