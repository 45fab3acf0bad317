import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      "server-only": fileURLToPath(new URL("./lib/testing/server-only-stub.ts", import.meta.url)),
      // The workspace package's sources, as tsconfig.json's paths map it for the other tools.
      "stripe-emulator": fileURLToPath(
        new URL("./packages/stripe-emulator/src/index.ts", import.meta.url),
      ),
      "stripe-contract": fileURLToPath(
        new URL("./packages/stripe-contract/src/index.ts", import.meta.url),
      ),
      "@radar-abuse-reference/embedded-postgres/migrations": fileURLToPath(
        new URL("./packages/embedded-postgres/src/migrations.ts", import.meta.url),
      ),
      "@radar-abuse-reference/embedded-postgres": fileURLToPath(
        new URL("./packages/embedded-postgres/src/index.ts", import.meta.url),
      ),
    },
  },
  test: {
    include: ["{app,components,lib,prisma}/**/*.test.{ts,tsx}", "packages/*/src/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
