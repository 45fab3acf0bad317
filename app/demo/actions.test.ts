import { beforeAll, describe, expect, it, vi } from "vitest";
import { registerUser } from "@/lib/accounts/register";
import { loadConfig } from "@/lib/config/load-config";
import { RESET_REFUSED_WITH_STRIPE } from "@/lib/demo/reset-demo";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { newRegistrationOrigin } from "@/lib/testing/test-services";

// The server as deployed with Stripe keys; the request's signed-in user and the services are the
// test's.
const state = vi.hoisted(() => ({
  user: null as { email: string; operator: boolean } | null,
  services: undefined as unknown,
}));
vi.mock("@/lib/config", () => ({
  config: loadConfig({
    STRIPE_SECRET_KEY: "sk_test_deployed",
    STRIPE_PUBLISHABLE_KEY: "pk_test_deployed",
  }),
}));
vi.mock("@/lib/auth/current-user", () => ({
  currentUser: async () => state.user,
  signIn: async () => {
    throw new Error("a refused request signs nobody in");
  },
  signOut: async () => {
    throw new Error("a refused request signs nobody out");
  },
}));
vi.mock("@/lib/services/server", () => ({ services: () => state.services }));

const { resetAction } = await import("@/app/demo/actions");

const emulator = setUpTestEmulator();

describe.each(testDatabaseKinds())("a forged reset with Stripe keys on $label", (kind) => {
  const app = setUpTestServices(kind, emulator);
  const counts = async () => ({
    users: await app.prisma.user.count(),
    evaluations: await app.prisma.customerEvaluation.count(),
    counters: await app.prisma.rateLimitCounter.count(),
  });

  beforeAll(async () => {
    state.services = app.services;
    await registerUser(
      app.services,
      { name: "Jenny Rosen", email: "jenny@example.com", password: "correct horse battery" },
      newRegistrationOrigin(),
    );
  });

  it.each([
    ["an anonymous visitor", null, /Sign in with an operator account/],
    ["a signed-in customer", { email: "jenny@example.com", operator: false }, /not an operator/],
    ["an operator", { email: "ops@example.com", operator: true }, RESET_REFUSED_WITH_STRIPE],
  ] as const)("from %s is refused and changes nothing", async (_, user, message) => {
    state.user = user;
    const before = await counts();
    expect(before.users).toBe(1);
    const answer = await resetAction({}, new FormData());
    expect(answer.kind).toBe("refused");
    expect(answer.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });
});
