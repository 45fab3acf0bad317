import { z } from "zod";
import { newId } from "../http/ids";

export const faultSchema = z
  .object({
    path: z.string().startsWith("/"),
    method: z
      .string()
      .transform((method) => method.toUpperCase())
      .optional(),
    latency_ms: z.number().int().min(0).max(120_000).optional(),
    status: z.number().int().min(400).max(599).optional(),
    drop: z.boolean().optional(),
    count: z.number().int().min(1).optional(),
  })
  .strict();

export type FaultSpec = z.infer<typeof faultSchema>;

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
