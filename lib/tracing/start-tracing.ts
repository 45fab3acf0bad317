import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { BatchSpanProcessor, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { PrismaInstrumentation } from "@prisma/instrumentation";

/**
 * Traces where a request's time goes: Next.js's span for each request it handles, Prisma's for
 * each query and statement, and one for each HTTP call the server makes (Stripe's), exported over
 * OTLP/HTTP as OpenTelemetry's variables configure it (`OTEL_EXPORTER_OTLP_ENDPOINT`,
 * `OTEL_SERVICE_NAME`, `OTEL_BSP_SCHEDULE_DELAY`...).
 */
export function startTracing(): void {
  const provider = new NodeTracerProvider({
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // The server's own requests are Next.js's spans; the outgoing calls are what is missing.
      new HttpInstrumentation({ disableIncomingRequestInstrumentation: true }),
      new PrismaInstrumentation(),
    ],
  });
}
