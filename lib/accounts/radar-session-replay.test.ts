import { describe, expect, it } from "vitest";
import { logInUser } from "@/lib/accounts/log-in";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { registerTestAccount } from "@/lib/testing/test-services";

const emulator = setUpTestEmulator();
const password = "correct horse battery";

describe.each(testDatabaseKinds())("a replayed log-in Radar Session on $label", (kind) => {
  const app = setUpTestServices(kind, emulator);

  const registeredEmail = async () => {
    const registered = await registerTestAccount(app.services, emulator);
    if (registered.kind !== "registered") throw new Error(`unexpected ${registered.kind}`);
    const user = await app.prisma.user.findUniqueOrThrow({ where: { id: registered.userId } });
    return user.email;
  };

  it("signs in one of nine browsers sharing one Radar Session, and refuses the other eight", async () => {
    const email = await registeredEmail();
    const shared = await emulator.api.createRadarSession({ deviceId: crypto.randomUUID() });
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, browser) =>
        logInUser(
          app.services,
          { email, password, radar_session: shared },
          { clientIp: `198.51.100.${browser}` },
        ),
      ),
    );
    expect(results.filter((result) => result.kind === "signed_in")).toHaveLength(1);
    // The email's log-in limit counts every attempt, so the copies past it are throttled.
    const refused = results.filter((result) => result.kind === "invalid");
    expect(refused.length + results.filter((r) => r.kind === "throttled").length).toBe(8);
    expect(refused.length).toBeGreaterThan(0);
    for (const result of refused) {
      expect(result).toMatchObject({
        fieldErrors: { radar_session: expect.stringMatching(/already used.*Reload the page/) },
      });
    }
    // Only the first was evaluated: the replays cost Stripe nothing and are scored nowhere.
    expect(
      await app.prisma.customerEvaluation.count({ where: { email, eventType: "login" } }),
    ).toBe(1);
  });

  it("refuses a Radar Session replayed after the log-in it was made for", async () => {
    const email = await registeredEmail();
    const session = await emulator.api.createRadarSession({ deviceId: crypto.randomUUID() });
    const first = await logInUser(
      app.services,
      { email, password: "not the password", radar_session: session },
      { clientIp: "198.51.100.20" },
    );
    expect(first.kind).toBe("wrong_credentials");
    const replay = await logInUser(
      app.services,
      { email, password, radar_session: session },
      { clientIp: "203.0.113.20" },
    );
    expect(replay).toMatchObject({ kind: "invalid" });
    // The page's next answer brings a fresh session, which signs in.
    const fresh = await emulator.api.createRadarSession({ deviceId: crypto.randomUUID() });
    expect(
      await logInUser(
        app.services,
        { email, password, radar_session: fresh },
        { clientIp: "198.51.100.20" },
      ),
    ).toMatchObject({ kind: "signed_in" });
  });
});
