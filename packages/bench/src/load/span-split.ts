import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** What the server's time went to, by the spans its instrumentations make. */
export type SpanKind = "database" | "stripe";

/** One span as OTLP/HTTP's JSON encoding carries it, reduced to what the split reads. */
export type Span = {
  traceId: string;
  name: string;
  /** OTLP's span kind: 2 server, 3 client. */
  kind: number;
  scope: string;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, string | number | boolean>;
};

/** The mean server-side time of a flow's requests, by what it waited on. */
export type SpanSplit = {
  requests: number;
  totalMs: number;
  ms: Record<SpanKind, number>;
  calls: Record<SpanKind, number>;
  /** The rest of the request's time: the app's own code, the password hash and the framework. */
  otherMs: number;
};

/** Next.js's span for each request it handles. */
const REQUEST_SPAN = "BaseServer.handleRequest";
/** Prisma's span for each statement sent to the database. */
const STATEMENT_SPAN = "prisma:client:db_query";
const HTTP_CLIENT_SCOPE = "@opentelemetry/instrumentation-http";

type OtlpValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
};
type OtlpSpan = {
  traceId: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: { key: string; value: OtlpValue }[];
};
type OtlpExport = {
  resourceSpans?: { scopeSpans?: { scope?: { name?: string }; spans?: OtlpSpan[] }[] }[];
};

const attributeValue = (value: OtlpValue) =>
  value.stringValue ?? value.boolValue ?? value.doubleValue ?? Number(value.intValue ?? Number.NaN);

/** The spans of one OTLP/HTTP JSON export request. */
export function spansOf(body: OtlpExport): Span[] {
  return (body.resourceSpans ?? []).flatMap((resource) =>
    (resource.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        traceId: span.traceId,
        name: span.name,
        kind: span.kind,
        scope: scope.scope?.name ?? "",
        startNs: BigInt(span.startTimeUnixNano),
        endNs: BigInt(span.endTimeUnixNano),
        attributes: Object.fromEntries(
          (span.attributes ?? []).map(({ key, value }) => [key, attributeValue(value)]),
        ),
      })),
    ),
  );
}

const durationMs = (span: Span) => Number(span.endNs - span.startNs) / 1e6;

/** What a span counts as, if anything, within its request. */
function kindOf(span: Span): SpanKind | undefined {
  if (span.name === STATEMENT_SPAN) return "database";
  if (span.scope === HTTP_CLIENT_SCOPE && span.kind === 3) return "stripe";
  return undefined;
}

/** The request spans of POSTs to `path`, each with the spans of its trace, split and averaged. */
export function meanSplit(spans: Span[], path: string): SpanSplit | undefined {
  const requests = spans.filter(
    (span) =>
      span.attributes["next.span_type"] === REQUEST_SPAN &&
      span.attributes["http.method"] === "POST" &&
      new URL(String(span.attributes["http.target"] ?? ""), "http://app").pathname === path,
  );
  if (requests.length === 0) return undefined;
  const traces = new Set(requests.map((span) => span.traceId));
  const ms: Record<SpanKind, number> = { database: 0, stripe: 0 };
  const calls: Record<SpanKind, number> = { database: 0, stripe: 0 };
  for (const span of spans) {
    const kind = kindOf(span);
    if (!kind || !traces.has(span.traceId)) continue;
    ms[kind] += durationMs(span);
    calls[kind] += 1;
  }
  const count = requests.length;
  const totalMs = requests.reduce((sum, span) => sum + durationMs(span), 0) / count;
  for (const kind of ["database", "stripe"] as const) {
    ms[kind] /= count;
    calls[kind] /= count;
  }
  return { requests: count, totalMs, ms, calls, otherMs: totalMs - ms.database - ms.stripe };
}

/**
 * An OTLP/HTTP receiver (JSON) on a port of its own: the app's server, started with
 * OTEL_EXPORTER_OTLP_ENDPOINT set to its URL, exports its spans here while the benchmark runs.
 */
export class SpanLog {
  private readonly spans: Span[] = [];
  private offset = 0;
  private readonly server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      try {
        this.spans.push(...spansOf(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
      } catch (error) {
        response.writeHead(400).end(String(error));
      }
    });
  });

  /** Listens on a free port of 127.0.0.1 and returns the endpoint to export to. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Skips the spans received so far. */
  mark(): void {
    this.offset = this.spans.length;
  }

  /** The split of the POSTs to `path` whose spans arrived since the last mark. */
  splitSinceMark(path: string): SpanSplit | undefined {
    return meanSplit(this.spans.slice(this.offset), path);
  }
}
