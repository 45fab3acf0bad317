import { settlePendingOrders } from "@/lib/checkout/settle-pending-orders";
import { sendPendingReports } from "@/lib/radar/outcome-reports";
import type { Services } from "@/lib/services/services";

/**
 * As often as the first retry of a report falls due (lib/radar/outcome-reports.ts), so a report
 * Stripe could not take is retried on time; a run with nothing due is three short statements.
 */
const EVERY_MS = 10_000;

/**
 * Settles orders a request left unfinished and sends due outcome reports: once now, then every
 * ten seconds for as long as the server runs (the timer does not keep the process alive). Each job
 * holds a database lease, so with several instances one at a time does it.
 */
export function startBackgroundWork(services: Pick<Services, "prisma" | "stripe" | "radar">): void {
  const run = async () => {
    await settlePendingOrders(services).catch((error) =>
      console.error("Settling pending orders failed:", error),
    );
    await sendPendingReports(services.prisma, services.radar).catch((error) =>
      console.error("Sending outcome reports failed:", error),
    );
  };
  void run();
  setInterval(run, EVERY_MS).unref();
}
