import { checkCalls, emptyCoverage, formatCoverage, readEmulatorLog } from "stripe-contract";
import { afterAll, afterEach } from "vitest";

/**
 * Checks every call the test file's flows make to the emulator against the schemas generated
 * from Stripe's own types: after each test, the calls it made (read from the emulator's request
 * log, which holds what was sent) must be requests Stripe defines, answered as Stripe's types
 * say. The file's totals are printed at the end.
 */
export function checkStripeContract(
  emulator: { url: string; controlToken: string },
  label: string,
) {
  const coverage = emptyCoverage();
  const seen = new Set<string>();
  afterEach(async () => {
    const calls = (await readEmulatorLog(emulator.url, emulator.controlToken)).filter(
      (call) => !seen.has(call.id),
    );
    for (const call of calls) seen.add(call.id);
    const before = coverage.violations.length;
    checkCalls(calls, coverage);
    const found = coverage.violations.slice(before);
    if (found.length > 0) {
      throw new Error(
        `Stripe calls outside Stripe's contract:\n${found
          .map(
            (violation) => `${violation.call} ${violation.part}: ${violation.problems.join("; ")}`,
          )
          .join("\n")}`,
      );
    }
  });
  afterAll(() => console.log(formatCoverage(coverage, `contract (${label})`)));
}
