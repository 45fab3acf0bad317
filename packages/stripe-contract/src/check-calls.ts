import qs from "qs";
import Stripe from "stripe";
import type { Operation } from "./operations.ts";
import { ContractValidator, type Violation } from "./validator.ts";

/** One call as the emulator's request log keeps it (`GET /_emulator/requests`). */
export interface LoggedCall {
  /** The request's `req_` ID. */
  id: string;
  method: string;
  path: string;
  /** The query string, for GET and DELETE. */
  query: string;
  /** A form body decoded to nested strings, or the raw text of a JSON (v2) body. */
  body: unknown;
  /** The answer's JSON; its text when the log cut it short. */
  /** The `Stripe-Version` the caller sent, if any. */
  api_version?: string | null;
  status: number;
  response: unknown;
}

export interface ContractCoverage {
  operations: Set<string>;
  requests: number;
  responses: number;
  /** Calls that no SDK declares (e.g. Stripe.js's `POST /v1/radar/session`), by method and path. */
  undeclared: Set<string>;
  /** Answers the log cut short (it keeps 16 KB of each), so not validated. */
  clipped: number;
  violations: (Violation & { call: string })[];
}

export function emptyCoverage(): ContractCoverage {
  return {
    operations: new Set(),
    requests: 0,
    responses: 0,
    undeclared: new Set(),
    clipped: 0,
    violations: [],
  };
}

const validator = new ContractValidator();

function requestBody(call: LoggedCall): { body: unknown; encoding: "json" | "form" } {
  if (call.method !== "POST") {
    return { body: qs.parse(call.query, { depth: 8, arrayLimit: 100 }), encoding: "form" };
  }
  if (typeof call.body === "string") {
    // v2 bodies are JSON; the log keeps them as text.
    try {
      return { body: JSON.parse(call.body), encoding: "json" };
    } catch {
      return { body: call.body, encoding: "json" };
    }
  }
  return { body: call.body ?? {}, encoding: call.path.startsWith("/v2/") ? "json" : "form" };
}

/** GA types describe the answers of the version the stripe package pins; other versions answer in their own shape. */
function describesResponse(operation: Operation, call: LoggedCall): boolean {
  if (call.status < 200 || call.status >= 300) return false;
  if (operation.sdk !== "ga") return true;
  return !call.api_version || call.api_version === Stripe.API_VERSION;
}

/** Validates each call's request (and, where Stripe's types describe it, its response) into `coverage`. */
export function checkCalls(
  calls: Iterable<LoggedCall>,
  coverage = emptyCoverage(),
): ContractCoverage {
  for (const call of calls) {
    if (!/^\/v[12]\//.test(call.path)) continue;
    const operation = validator.operationFor(call.method, call.path, call.api_version ?? undefined);
    const name = `${call.method} ${call.path}`;
    if (!operation) {
      coverage.undeclared.add(
        `${call.method} ${call.path.replace(/\/[a-z]+_[A-Za-z0-9]+(?=\/|$)/g, "/{id}")}`,
      );
      continue;
    }
    coverage.operations.add(operation.id);
    const { body, encoding } = requestBody(call);
    const requestProblems = validator.validateRequest(operation, body, encoding);
    coverage.requests++;
    if (requestProblems.length > 0) {
      coverage.violations.push({
        call: name,
        operation: operation.id,
        part: "request",
        problems: requestProblems,
      });
    }
    if (!describesResponse(operation, call)) continue;
    if (typeof call.response === "string") {
      coverage.clipped++;
      continue;
    }
    const responseProblems = validator.validateResponse(operation, call.response);
    coverage.responses++;
    if (responseProblems.length > 0) {
      coverage.violations.push({
        call: name,
        operation: operation.id,
        part: "response",
        problems: responseProblems,
      });
    }
  }
  return coverage;
}

/** `contract: 31 operations, 412 requests, 77 responses validated`, then each violation. */
export function formatCoverage(coverage: ContractCoverage, label = "contract"): string {
  const lines = [
    `${label}: ${coverage.operations.size} operations, ${coverage.requests} requests, ${coverage.responses} responses validated`,
  ];
  if (coverage.clipped > 0)
    lines.push(`  ${coverage.clipped} answers too long for the log, not validated`);
  if (coverage.undeclared.size > 0) {
    lines.push(`  not in any SDK's types: ${[...coverage.undeclared].sort().join(", ")}`);
  }
  for (const violation of coverage.violations) {
    lines.push(
      `  ${violation.call} (${violation.operation}) ${violation.part}: ${violation.problems.join("; ")}`,
    );
  }
  return lines.join("\n");
}

/**
 * Every call in an emulator's request log, oldest first (the log keeps the newest
 * `STRIPE_EMULATOR_REQUEST_LOG_SIZE`; its card numbers and CVCs are masked, which leaves them strings).
 */
export async function readEmulatorLog(
  baseUrl: string,
  controlToken: string,
): Promise<LoggedCall[]> {
  const response = await fetch(`${baseUrl}/_emulator/requests?limit=10000`, {
    headers: { authorization: `Bearer ${controlToken}` },
  });
  if (!response.ok) throw new Error(`The emulator's request log: HTTP ${response.status}`);
  const { data } = (await response.json()) as { data: LoggedCall[] };
  return data.reverse();
}
