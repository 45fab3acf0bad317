import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { registerUser } from "@/lib/accounts/register";
import { CUSTOMER_EVALUATIONS_VERSION, SEEDS_VERSION } from "@/lib/radar/customer-evaluations";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { newRegistrationOrigin } from "@/lib/testing/test-services";

/**
 * Each preview version hears the outcome in its own words: the current ones a `status`, the
 * seeds' version a `type` with its reason. The same three sign-ups from one device end allowed,
 * reviewed and blocked under both.
 */

const emulator = setUpTestEmulator();

const reported = (version: string) =>
  version === SEEDS_VERSION
    ? [
        { type: "registration_success" },
        { type: "registration_success" },
        {
          type: "registration_failed",
          registration_failed: { reason: "suspected_multi_accounting" },
        },
      ]
    : [{ type: "allowed" }, { type: "restricted" }, { type: "blocked" }];

describe.each(testDatabaseKinds())("preview versions on $label", (kind) => {
  describe.each([CUSTOMER_EVALUATIONS_VERSION, SEEDS_VERSION])("%s", (version) => {
    const app = setUpTestServices(kind, emulator, 2_000, {
      RADAR_CUSTOMER_EVALUATIONS_VERSION: version,
    });

    it("evaluates three sign-ups from one device and reports each outcome as the version expects", async () => {
      const device = `device-${randomUUID()}`;
      const results = [];
      for (let i = 0; i < 3; i += 1) {
        results.push(
          await registerUser(
            app.services,
            {
              name: "Jenny Rosen",
              email: `jenny.${randomUUID().slice(0, 8)}@example.com`,
              password: "correct horse battery",
              radar_session: await emulator.api.createRadarSession({ deviceId: device }),
            },
            newRegistrationOrigin(),
          ),
        );
      }
      expect(results.map((result) => result.kind)).toEqual(["registered", "registered", "blocked"]);

      const records = await app.prisma.customerEvaluation.findMany({
        where: {
          id: {
            in: results.map((result) =>
              "evaluationRecordId" in result ? result.evaluationRecordId : "",
            ),
          },
        },
        orderBy: { createdAt: "asc" },
      });
      expect(records.map(({ outcome }) => outcome)).toEqual(["allowed", "restricted", "blocked"]);
      const expected = reported(version);
      for (const [index, record] of records.entries()) {
        expect(record).toMatchObject({
          radarApi: "v1",
          apiVersion: version,
          reportStatus: "reported",
        });
        const evaluation = await emulator.api.retrieve(
          `/v1/radar/customer_evaluations/${record.stripeId}`,
        );
        expect(evaluation.events).toEqual([expect.objectContaining(expected[index])]);
      }
    });
  });
});
