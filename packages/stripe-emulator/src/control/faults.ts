import { newId } from "../http/ids.ts";

export interface FaultSpec {
  /** Path prefix, e.g. /v1/radar/customer_evaluations. */
  path: string;
  method?: string;
  latency_ms?: number;
  status?: number;
  drop?: boolean;
  count?: number;
}

const KEYS = new Set(["path", "method", "latency_ms", "status", "drop", "count"]);

function integerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/** Validates a fault from the control API; returns the spec or a message saying what is wrong. */
export function parseFault(body: Record<string, unknown>): FaultSpec | string {
  for (const key of Object.keys(body)) if (!KEYS.has(key)) return `Unknown field: ${key}`;
  const { path, method, latency_ms, status, drop, count } = body;
  if (typeof path !== "string" || !path.startsWith("/"))
    return "path must be a string starting with /";
  if (method !== undefined && typeof method !== "string") return "method must be a string";
  if (latency_ms !== undefined && !integerIn(latency_ms, 0, 120_000)) {
    return "latency_ms must be an integer from 0 to 120000";
  }
  if (status !== undefined && !integerIn(status, 400, 599))
    return "status must be an integer from 400 to 599";
  if (drop !== undefined && typeof drop !== "boolean") return "drop must be a boolean";
  if (count !== undefined && !integerIn(count, 1, Number.MAX_SAFE_INTEGER)) {
    return "count must be a positive integer";
  }
  return {
    path,
    method: method?.toUpperCase(),
    latency_ms,
    status,
    drop,
    count,
  };
}

export interface Fault extends FaultSpec {
  id: string;
  /** Requests still to be affected; null means every matching request. */
  remaining: number | null;
  hits: number;
}

/** Injected faults, matched by path prefix and optional method, first added first. */
export class FaultInjector {
  private faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: newId("fault"), remaining: spec.count ?? null, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  /** The fault to apply to this request, consuming one of its uses. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (f) => path.startsWith(f.path) && (f.method === undefined || f.method === method),
    );
    if (!fault) return undefined;
    fault.hits++;
    if (fault.remaining !== null) {
      fault.remaining--;
      if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    return fault;
  }

  list(): Fault[] {
    return [...this.faults];
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
  }
}

/** The error an injected status answers with: a rate-limit error for 429, an api_error else. */
export function faultReply(status: number): { status: number; json: string } {
  const error =
    status === 429
      ? {
          type: "invalid_request_error",
          code: "rate_limit",
          message: "Too many requests hit the API too quickly. (Injected by the Stripe emulator.)",
        }
      : {
          type: "api_error",
          message: `An error occurred with our connection to Stripe. (Injected ${status} by the Stripe emulator.)`,
        };
  return { status, json: JSON.stringify({ error }) };
}
