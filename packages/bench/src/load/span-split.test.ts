import { context, SpanKind, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { BasicTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SpanLog } from "./span-split";

const MS = 1e6;
const at = (ms: number) => [0, ms * MS] as [number, number];

describe("the benchmark's span log", () => {
  const log = new SpanLog();
  let provider: BasicTracerProvider;

  beforeAll(async () => {
    const endpoint = await log.listen();
    provider = new BasicTracerProvider({
      spanProcessors: [
        new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` })),
      ],
    });
  });
  afterAll(async () => {
    await provider.shutdown();
    await log.close();
  });

  /** A request as Next.js, Prisma and the HTTP instrumentation trace it, on a fixed clock. */
  function request(path: string, start: number, statements: number[], stripeCalls: number[]) {
    const tracer = provider.getTracer("next.js");
    const root = tracer.startSpan(
      "POST /register",
      {
        kind: SpanKind.SERVER,
        startTime: at(start),
        attributes: {
          "next.span_type": "BaseServer.handleRequest",
          "http.method": "POST",
          "http.target": `${path}?_rsc=1`,
        },
      },
      context.active(),
    );
    const inRequest = trace.setSpan(context.active(), root);
    let clock = start;
    for (const ms of statements) {
      provider
        .getTracer("prisma")
        .startSpan("prisma:client:db_query", { startTime: at(clock) }, inRequest)
        .end(at(clock + ms));
      clock += ms;
    }
    for (const ms of stripeCalls) {
      provider
        .getTracer("@opentelemetry/instrumentation-http")
        .startSpan("POST", { kind: SpanKind.CLIENT, startTime: at(clock) }, inRequest)
        .end(at(clock + ms));
      clock += ms;
    }
    root.end(at(clock + 10));
  }

  it("splits each request's time into its statements, its Stripe calls and the rest", async () => {
    log.mark();
    request("/register", 0, [2, 4], [6]);
    request("/register", 100, [3, 3, 2], [10, 4]);
    request("/login", 200, [50], []);
    await provider.forceFlush();

    const split = log.splitSinceMark("/register");
    expect(split?.requests).toBe(2);
    expect(split?.totalMs).toBeCloseTo((22 + 32) / 2);
    expect(split?.ms.database).toBeCloseTo((6 + 8) / 2);
    expect(split?.calls.database).toBeCloseTo(2.5);
    expect(split?.ms.stripe).toBeCloseTo((6 + 14) / 2);
    expect(split?.calls.stripe).toBeCloseTo(1.5);
    expect(split?.otherMs).toBeCloseTo(10);
  });

  it("counts only the spans that arrived since the mark", async () => {
    log.mark();
    expect(log.splitSinceMark("/register")).toBeUndefined();
    request("/register", 300, [1], []);
    await provider.forceFlush();
    expect(log.splitSinceMark("/register")?.requests).toBe(1);
  });
});
