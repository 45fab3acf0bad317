import { config } from "@/lib/config";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Readiness: the database answers. Used by load balancers and the end-to-end tests. */
export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ ok: true, database: config.database.kind, stripe: config.stripe.mode });
  } catch (error) {
    return Response.json(
      { ok: false, error: error instanceof Error ? error.message : String(error) },
      { status: 503 },
    );
  }
}
