import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { logInUser } from "@/lib/accounts/log-in";
import { registerUser } from "@/lib/accounts/register";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";

const emulator = setUpTestEmulator();

/** A client holding a whole /64, as any IPv6 home or cloud host does, with a new address each time. */
const addressIn = (prefix: string) => () =>
  `${prefix}:${Array.from({ length: 4 }, () => Math.floor(Math.random() * 0xffff).toString(16)).join(":")}`;

describe.each(testDatabaseKinds())("per-IP limits against one IPv6 /64, on $label", (kind) => {
  const app = setUpTestServices(kind, emulator);

  it("counts log-in failures from every address of a /64 as one client", async () => {
    const next = addressIn(`2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:7`);
    const { max } = app.services.loginThrottle.perIp;
    for (let attempt = 0; attempt < max; attempt++) {
      await logInUser(
        app.services,
        { email: `spray.${randomUUID()}@example.com`, password: "guess" },
        { clientIp: next() },
      );
    }
    const result = await logInUser(
      app.services,
      { email: `spray.${randomUUID()}@example.com`, password: "guess" },
      { clientIp: next() },
    );
    expect(result.kind).toBe("throttled");
  });

  it("counts registrations from every address of a /64 as one client", async () => {
    const next = addressIn(`2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:9`);
    const { max } = app.services.registrationLimit.perIp;
    const register = () =>
      registerUser(
        app.services,
        {
          name: "Mallory",
          email: `farm.${randomUUID()}@example.com`,
          password: "correct horse battery",
        },
        { clientIp: next(), deviceId: randomUUID() },
      );
    for (let attempt = 0; attempt < max; attempt++) await register();
    expect((await register()).kind).toBe("throttled");
  });
});
