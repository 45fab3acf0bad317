import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { seedCatalogue } from "@/lib/catalogue/seed-catalogue";
import { placeOrder } from "@/lib/checkout/place-order";
import { testCheckoutForm } from "@/lib/testing/checkout-fixtures";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { registerTestAccount } from "@/lib/testing/test-services";

/**
 * Evaluations wait a short time (STRIPE_TIMEOUT_MS), a PaymentIntent as long as an issuer may
 * take (STRIPE_PAYMENT_TIMEOUT_MS): a slow authorization is not "could not reach the processor"
 * while the charge may still succeed. A Payment Evaluation Stripe refuses stops the payment.
 */

const emulator = setUpTestEmulator();
const ISSUER_MS = 1_500;

describe.each(testDatabaseKinds())("payment time-outs on $label", (kind) => {
  const app = setUpTestServices(kind, emulator, 800);
  const impatient = setUpTestServices(kind, emulator, 800, { STRIPE_PAYMENT_TIMEOUT_MS: "1000" });
  beforeAll(() => Promise.all([seedCatalogue(app.prisma), seedCatalogue(impatient.prisma)]));

  const buyerOn = async (services: typeof app) => {
    const account = await registerTestAccount(services.services, emulator, randomUUID());
    if (account.kind !== "registered") throw new Error(`registration ${account.kind}`);
    return services.prisma.user.findUniqueOrThrow({ where: { id: account.userId } });
  };
  /**
   * Every PaymentIntent request takes `ms`. stripe-node sends a timed-out request again with the
   * same idempotency key, which Stripe answers with the first one's result once that is done.
   */
  const slowIssuer = (ms: number) =>
    emulator.api.injectFault({ path: "/v1/payment_intents", method: "POST", latency_ms: ms });

  it("waits for a PaymentIntent longer than for an evaluation", async () => {
    const buyer = await buyerOn(app);
    await slowIssuer(ISSUER_MS);
    const result = await placeOrder(app.services, buyer, testCheckoutForm());
    expect(result).toMatchObject({ kind: "paid" });
  });

  it("gives up on a PaymentIntent after STRIPE_PAYMENT_TIMEOUT_MS", async () => {
    const buyer = await buyerOn(impatient);
    await slowIssuer(3 * ISSUER_MS);
    const result = await placeOrder(impatient.services, buyer, testCheckoutForm());
    expect(result).toMatchObject({
      kind: "declined",
      message: expect.stringMatching(/could not reach the payment processor/),
    });
  });

  it("charges nothing when Stripe refuses the Payment Evaluation", async () => {
    const buyer = await buyerOn(app);
    await emulator.api.injectFault({
      path: "/v1/radar/payment_evaluations",
      method: "POST",
      status: 400,
      count: 1,
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await placeOrder(app.services, buyer, testCheckoutForm());
    logged.mockRestore();
    expect(result).toMatchObject({
      kind: "invalid",
      fieldErrors: { form: expect.stringMatching(/nothing was charged/) },
    });
    const intents = await emulator.api.retrieve(
      `/v1/payment_intents?customer=${buyer.stripeCustomerId}`,
    );
    expect(intents.data).toEqual([]);
  });
});
