import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { seedCatalogue } from "@/lib/catalogue/seed-catalogue";
import { placeOrder } from "@/lib/checkout/place-order";
import { testCheckoutForm } from "@/lib/testing/checkout-fixtures";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { registerTestAccount } from "@/lib/testing/test-services";

const emulator = setUpTestEmulator();

describe.each(testDatabaseKinds())("a checkout without its Radar Session, on $label", (kind) => {
  const app = setUpTestServices(kind, emulator);
  beforeAll(() => seedCatalogue(app.prisma));

  /** A first payment by a new buyer, with or without a Radar Session from another device. */
  async function firstPaymentScore(radarSession: boolean) {
    const registered = await registerTestAccount(app.services, emulator);
    if (registered.kind !== "registered") throw new Error(`registration ${registered.kind}`);
    const buyer = await app.prisma.user.findUniqueOrThrow({ where: { id: registered.userId } });
    const form = testCheckoutForm({
      radarSession: radarSession
        ? await emulator.api.createRadarSession({ deviceId: randomUUID() })
        : undefined,
    });
    const result = await placeOrder(app.services, buyer, form);
    if (result.kind === "invalid") throw new Error("checkout refused");
    const attempt = await app.prisma.paymentAttempt.findFirstOrThrow({
      where: { orderId: result.orderId },
    });
    return attempt.score ?? 0;
  }

  it("scores no better than one from a device the customer was never seen on", async () => {
    const withSession = await firstPaymentScore(true);
    expect(await firstPaymentScore(false)).toBeGreaterThanOrEqual(withSession);
  });
});
