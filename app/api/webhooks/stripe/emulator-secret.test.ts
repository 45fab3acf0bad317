import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeEmbeddedDatabase } from "@radar-abuse-reference/embedded-postgres";
import Stripe from "stripe";
import { readOrCreateLocalSecrets } from "stripe-emulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applyPendingMigrations } from "@/lib/db/migrations";
import { serverEnvironment } from "@/lib/startup/server-environment";

const signer = new Stripe("sk_test_signing_only");

const customerCreated = () =>
  JSON.stringify({
    id: `evt_${randomUUID().replaceAll("-", "")}`,
    object: "event",
    type: "customer.created",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object: { id: `cus_${randomUUID().replaceAll("-", "")}`, object: "customer" } },
  });

/** The route in emulator mode, in the environment `npm start` gives it for its data dir. */
describe("POST /api/webhooks/stripe with the emulator's secret", () => {
  let dataDir: string;
  let POST: (request: Request) => Promise<Response>;

  const deliver = (payload: string, secret: string) =>
    POST(
      new Request("http://localhost/api/webhooks/stripe", {
        method: "POST",
        body: payload,
        headers: {
          "stripe-signature": signer.webhooks.generateTestHeaderString({ payload, secret }),
        },
      }),
    );

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "radar-webhook-secret-"));
    await applyPendingMigrations({ kind: "embedded", directory: join(dataDir, "pglite") });
    vi.resetModules();
    delete (globalThis as { __prisma?: unknown }).__prisma;
    const source: Record<string, string | undefined> = { DATA_DIR: dataDir };
    const { environment } = serverEnvironment(source);
    for (const name of [
      "DATA_DIR",
      "DATABASE_URL",
      "STRIPE_SECRET_KEY",
      "STRIPE_WEBHOOK_SECRET",
      "STRIPE_EMULATOR_CONTROL_TOKEN",
    ]) {
      vi.stubEnv(name, environment[name] ?? "");
    }
    ({ POST } = await import("@/app/api/webhooks/stripe/route"));
  });
  afterAll(async () => {
    const { db } = await import("@/lib/db/client");
    await db().$disconnect();
    delete (globalThis as { __prisma?: unknown }).__prisma;
    vi.unstubAllEnvs();
    await closeEmbeddedDatabase(join(dataDir, "pglite"));
    await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses an event signed with the secret that used to be in the repository", async () => {
    const response = await deliver(customerCreated(), "whsec_emulator_local_only");
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/signature/i);
  });

  it("accepts an event signed with the secret generated in the emulator's data dir", async () => {
    const { webhookSecret } = readOrCreateLocalSecrets(join(dataDir, "emulator"));
    const response = await deliver(customerCreated(), webhookSecret);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: "ignored" });
  });
});
