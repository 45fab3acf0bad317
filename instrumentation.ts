/** Runs once per server process, before the first request is served. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, so that as few requests as possible arrive before their socket address is recorded.
  const { recordSocketAddresses } = await import("@/lib/http/socket-address");
  recordSocketAddresses();
  // Off unless OpenTelemetry's own variables name where to export the spans.
  if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    const { startTracing } = await import("@/lib/tracing/start-tracing");
    startTracing();
  }
  const { startServerOrExit } = await import("@/lib/startup/start-server-or-exit");
  await startServerOrExit();
}
