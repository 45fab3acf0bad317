import { describe, expect, it } from "vitest";
import { registerUser } from "@/lib/accounts/register";
import { operatorAccess } from "@/lib/auth/operator-rule";
import { listOperators, setOperator } from "@/lib/auth/operators";
import { setUpTestServices } from "@/lib/testing/set-up-test-database";
import { testDatabaseKinds } from "@/lib/testing/test-databases";
import { setUpTestEmulator } from "@/lib/testing/test-emulator";
import { newRegistrationOrigin } from "@/lib/testing/test-services";

const emulator = setUpTestEmulator();

describe.each(testDatabaseKinds())("operators on $label", (kind) => {
  const app = setUpTestServices(kind, emulator);

  const signUp = async (email: string) => {
    const result = await registerUser(
      app.services,
      { name: "Mallory", email, password: "correct horse battery" },
      newRegistrationOrigin(),
    );
    if (result.kind !== "registered") throw new Error(`registration ${result.kind}`);
    return app.prisma.user.findUniqueOrThrow({ where: { id: result.userId } });
  };

  it("never makes an operator of whoever registers an operator's email through the form", async () => {
    const squatter = await signUp("OPS@Example.com");
    expect(squatter.operator).toBe(false);
    expect(operatorAccess("stripe", squatter)).toMatchObject({
      kind: "refused",
      reason: "not_operator",
    });
  });

  it("grants and revokes the right of an existing account only", async () => {
    expect(await setOperator(app.prisma, "later@example.com", true)).toBe(false);
    // Granted before the address was registered, the right would go to whoever registers it.
    expect((await signUp("later@example.com")).operator).toBe(false);

    expect(await setOperator(app.prisma, " Later@Example.com ", true)).toBe(true);
    const granted = await app.prisma.user.findUniqueOrThrow({
      where: { email: "later@example.com" },
    });
    expect(operatorAccess("stripe", granted)).toEqual({ kind: "allowed" });
    expect(await listOperators(app.prisma)).toEqual(["later@example.com"]);

    expect(await setOperator(app.prisma, "later@example.com", false)).toBe(true);
    expect(await listOperators(app.prisma)).toEqual([]);
  });
});
