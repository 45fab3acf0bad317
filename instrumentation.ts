/** Runs once per server process, before the first request is served. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, so that as few requests as possible arrive before their socket address is recorded.
  const { recordSocketAddresses } = await import("@/lib/http/socket-address");
  recordSocketAddresses();
  const { recordRequestTimings, requestTimingsFile } = await import(
    "@/lib/timings/request-timings"
  );
  const timingsFile = requestTimingsFile();
  if (timingsFile) recordRequestTimings(timingsFile);
  const { startServerOrExit } = await import("@/lib/startup/start-server-or-exit");
  await startServerOrExit();
}
