import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { STRIPE_PARAMETERS } from "../../stripe-emulator/src/http/stripe-parameters.ts";
import { topLevelParameters } from "./emulator-parameters.ts";
import { generateSchemas } from "./generate-schemas.ts";
import type { Sdk } from "./operations.ts";
import { readSchemas } from "./schema-files.ts";

/**
 * The committed schemas are what the installed packages' types generate today: upgrading the
 * stripe package (or the preview) without `npm run generate -w stripe-contract` fails here.
 */
describe("the committed schemas", () => {
  it.each(["ga", "v2-preview", "private-preview"] satisfies Sdk[])(
    "match a regeneration from the installed %s types",
    (sdk) => {
      const started = performance.now();
      const generated = generateSchemas(sdk);
      console.log(
        `contract: ${sdk} schemas regenerated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(generated).toEqual(readSchemas(sdk));
    },
    240_000,
  );

  it("and the emulator's table of Stripe's parameters is taken from them", () => {
    expect(STRIPE_PARAMETERS).toEqual(topLevelParameters());
  });
});
