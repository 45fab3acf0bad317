import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { logInUser } from "@/lib/accounts/log-in";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { registerTestAccount } from "@/lib/testing/test-services";

const emulator = setUpTestEmulator();
const password = "correct horse battery";

describe.each(testDatabaseKinds())(
  "a stranger guessing the owner's password, on $label",
  (kind) => {
    const app = setUpTestServices(kind, emulator);

    /** One browser: its device cookie, its Radar Sessions, its address. */
    const browser = (ip: string) => {
      const deviceId = randomUUID();
      return {
        logIn: async (email: string, guess: string) =>
          logInUser(
            app.services,
            {
              email,
              password: guess,
              radar_session: await emulator.api.createRadarSession({
                deviceId,
                timezone: "Asia/Tokyo",
                ip,
              }),
            },
            { clientIp: ip },
            { deviceId, signIn: async () => {} },
          ),
      };
    };

    /** An account whose owner has signed in from their laptop once. */
    async function ownerWithLaptop() {
      const registered = await registerTestAccount(app.services, emulator);
      if (registered.kind !== "registered") throw new Error(`registration ${registered.kind}`);
      const { email } = await app.prisma.user.findUniqueOrThrow({
        where: { id: registered.userId },
      });
      const laptop = browser("198.51.100.7");
      expect(await laptop.logIn(email, password)).toMatchObject({ kind: "signed_in" });
      return { email, laptop };
    }

    it("does not count a stranger's wrong passwords as the account's devices", async () => {
      const { email, laptop } = await ownerWithLaptop();
      for (const ip of ["203.0.113.1", "203.0.113.2"]) {
        expect(await browser(ip).logIn(email, "not the password")).toEqual({
          kind: "wrong_credentials",
        });
      }
      expect(await laptop.logIn(email, password)).toMatchObject({
        kind: "signed_in",
        decision: "allow",
      });
    });

    it("throttles the stranger after five wrong passwords, and lets the owner's laptop in", async () => {
      const { email, laptop } = await ownerWithLaptop();
      for (let guess = 0; guess < 5; guess++) {
        await browser(`203.0.113.${10 + guess}`).logIn(email, "not the password");
      }
      // Even with the right password, a device the account never signed in from waits.
      expect(await browser("203.0.113.20").logIn(email, password)).toMatchObject({
        kind: "throttled",
      });
      expect(await laptop.logIn(email, password)).toMatchObject({ kind: "signed_in" });
    });

    it("still throttles guesses made from the owner's own device", async () => {
      const { email, laptop } = await ownerWithLaptop();
      for (let guess = 0; guess < 5; guess++) {
        expect(await laptop.logIn(email, "not the password")).toEqual({
          kind: "wrong_credentials",
        });
      }
      expect(await laptop.logIn(email, password)).toMatchObject({ kind: "throttled" });
    });
  },
);
