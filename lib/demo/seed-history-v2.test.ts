import { beforeAll, describe, expect, it } from "vitest";
import { seedHistoryIfEmpty } from "@/lib/demo/reset-demo";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";

const emulator = setUpTestEmulator();

describe.each(testDatabaseKinds())(
  "the demo history with v2 Account Evaluations on $label",
  (kind) => {
    beforeAll(() => emulator.api.reset());
    const app = setUpTestServices(kind, emulator, 5_000, { RADAR_API: "v2" });

    it("tells the same stories: farms reviewed then blocked, a shared account blocked, every signal v2's", async () => {
      const summary = await seedHistoryIfEmpty(app.services, emulator.api);
      expect(summary?.users).toBeGreaterThanOrEqual(24);
      expect(summary?.blockedSignUps).toBeGreaterThanOrEqual(2);

      const decisions = await app.prisma.customerEvaluation.groupBy({
        by: ["eventType", "signal", "decision"],
        _count: true,
      });
      const seen = decisions.map((d) => `${d.eventType}:${d.signal}:${d.decision}`);
      for (const decision of ["allow", "review", "block"]) {
        expect(seen).toContain(`registration:user_multi_accounting:${decision}`);
        expect(seen).toContain(`login:user_account_sharing:${decision}`);
      }
      // Every evaluation is v2's, and each completed within the wait.
      expect(
        await app.prisma.customerEvaluation.count({ where: { radarApi: { not: "v2" } } }),
      ).toBe(0);
      expect(
        await app.prisma.customerEvaluation.count({
          where: { stripeId: { not: null }, unavailableReason: { not: null } },
        }),
      ).toBe(0);
    });
  },
);
