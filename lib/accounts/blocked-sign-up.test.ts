import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { registerUser } from "@/lib/accounts/register";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { newRegistrationOrigin } from "@/lib/testing/test-services";

const emulator = setUpTestEmulator();

describe.each(testDatabaseKinds())("a blocked sign-up tried again, on $label", (kind) => {
  const app = setUpTestServices(kind, emulator);

  const signUp = async (email: string, deviceId: string) =>
    registerUser(
      app.services,
      {
        name: "Mallory",
        email,
        password: "correct horse battery",
        radar_session: await emulator.api.createRadarSession({ deviceId }),
      },
      newRegistrationOrigin(),
    );

  it("flags the same email from a new device", async () => {
    const farm = randomUUID();
    await signUp(`first.${randomUUID()}@example.com`, farm);
    await signUp(`second.${randomUUID()}@example.com`, farm);
    const email = `third.${randomUUID()}@example.com`;
    expect(await signUp(email, farm)).toMatchObject({ kind: "blocked" });

    const again = await signUp(email, randomUUID());
    expect(again).toMatchObject({ kind: "registered", decision: "review" });
    const user = await app.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.needsReview).toBe(true);
  });
});
