import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll } from "vitest";

/** A canned answer: Stripe's HTTP status and JSON body, as a real account might send them. */
export type CannedAnswer = { status: number; body: unknown };

/** Headers that belong to one connection, not to the request passed on. */
const HOP_BY_HOP = new Set([
  "host",
  "connection",
  "content-length",
  "keep-alive",
  "transfer-encoding",
]);

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A server in front of the emulator that answers the next request for `method path` with a
 * canned answer and passes everything else through: for what the emulator's faults cannot make
 * (a body of another shape, Stripe's answer to an account without a preview). `port` is what a
 * Stripe client is pointed at; each test's canned answers are cleared after it.
 */
export function setUpStripeAnswers(emulatorPort: () => number) {
  let server: Server | undefined;
  const canned = new Map<string, CannedAnswer>();
  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const key = `${request.method} ${request.url?.split("?")[0]}`;
      const body = await readBody(request);
      const answer = canned.get(key);
      if (answer) {
        canned.delete(key);
        response.writeHead(answer.status, { "Content-Type": "application/json" });
        response.end(JSON.stringify(answer.body));
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          (entry): entry is [string, string] =>
            typeof entry[1] === "string" && !HOP_BY_HOP.has(entry[0]),
        ),
      );
      try {
        const upstream = await fetch(`http://127.0.0.1:${emulatorPort()}${request.url}`, {
          method: request.method ?? "GET",
          headers,
          ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
        });
        response.writeHead(upstream.status, {
          "Content-Type": upstream.headers.get("content-type") ?? "application/json",
        });
        response.end(Buffer.from(await upstream.arrayBuffer()));
      } catch {
        // The emulator dropped the connection (an injected fault): drop this one too.
        response.destroy();
      }
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  });
  afterEach(() => canned.clear());
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });
  return {
    get port(): number {
      if (!server) throw new Error("The server starts in beforeAll");
      return (server.address() as AddressInfo).port;
    },
    /** The next `method path` request gets `answer` instead of the emulator's. */
    answerNext(method: string, path: string, answer: CannedAnswer) {
      canned.set(`${method} ${path}`, answer);
    },
  };
}
