import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seedCatalogue } from "@/lib/catalogue/seed-catalogue";
import { placeOrder } from "@/lib/checkout/place-order";
import {
  customerEvaluationWhy,
  emulatorExplainer,
  storedExplanation,
} from "@/lib/radar/score-explanation";
import type { Services } from "@/lib/services/services";
import { testCheckoutForm } from "@/lib/testing/checkout-fixtures";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { registerTestAccount } from "@/lib/testing/test-services";

const emulator = setUpTestEmulator();

describe.each(testDatabaseKinds())("score explanations on $label", (kind) => {
  const app = setUpTestServices(kind, emulator);

  const register = (servicesToUse: Services, deviceId: string) =>
    registerTestAccount(servicesToUse, emulator, deviceId);

  it("stores the factors of a multi-accounting block with the evaluation", async () => {
    const deviceId = randomUUID();
    await register(app.services, deviceId);
    await register(app.services, deviceId);
    const third = await register(app.services, deviceId);
    if (third.kind !== "blocked") throw new Error(`third registration ${third.kind}`);

    const record = await app.prisma.customerEvaluation.findUniqueOrThrow({
      where: { id: third.evaluationRecordId },
    });
    const explanation = storedExplanation(record.factors);
    expect(explanation?.factors.find((factor) => factor.name === "device_reuse")).toMatchObject({
      points: expect.any(Number),
      detail: expect.stringContaining("2 other customer(s) registered from this device"),
    });
    const total = explanation?.factors.reduce((sum, factor) => sum + factor.points, 0) ?? 0;
    expect(Math.min(100, total)).toBe(record.score);
    expect(customerEvaluationWhy(record, "emulator")).toMatchObject({
      signal: "multi_accounting",
      riskLevel: "highest",
      explanation,
    });
  });

  it("stores the factors of a blocked payment with its attempt", async () => {
    await seedCatalogue(app.prisma);
    const registered = await register(app.services, randomUUID());
    if (registered.kind !== "registered") throw new Error(`registration ${registered.kind}`);
    const buyer = await app.prisma.user.findUniqueOrThrow({
      where: { id: registered.userId },
    });
    const placed = await placeOrder(
      app.services,
      buyer,
      testCheckoutForm({ paymentMethod: "pm_card_riskLevelHighest" }),
    );
    if (placed.kind !== "blocked") throw new Error(`checkout ${placed.kind}`);
    const attempt = await app.prisma.paymentAttempt.findFirstOrThrow({
      where: { orderId: placed.orderId },
    });
    const explanation = storedExplanation(attempt.factors);
    expect(explanation?.factors.find((factor) => factor.name === "test_card")).toMatchObject({
      points: expect.any(Number),
    });
  });

  it("saves the evaluation without factors when the explanation cannot be had", async () => {
    const logged: string[] = [];
    const unexplained: Services = {
      ...app.services,
      explain: emulatorExplainer({
        baseUrl: `http://127.0.0.1:${emulator.port}`,
        controlToken: "not-the-token",
        timeoutMs: 500,
        log: (message) => logged.push(message),
      }),
    };
    const result = await register(unexplained, randomUUID());
    if (result.kind !== "registered") throw new Error(`registration ${result.kind}`);
    const record = await app.prisma.customerEvaluation.findUniqueOrThrow({
      where: { id: result.evaluationRecordId },
    });
    expect(record.stripeId).toMatch(/^cuseval_/);
    expect(record.factors).toBeNull();
    expect(logged).toEqual([expect.stringContaining("the emulator answered 401")]);
  });

  it("fails open on an emulator that does not answer in time", async () => {
    const explain = emulatorExplainer({
      // A port nothing listens on refuses at once; a black hole is what a time-out needs.
      baseUrl: "http://10.255.255.1:9",
      controlToken: "x",
      timeoutMs: 100,
      log: () => {},
    });
    expect(await explain("cuseval_123")).toBeNull();
  });
});
