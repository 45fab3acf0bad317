/** A fault the emulator applies to requests whose path starts with `path`. */
export type FaultSpec = { path: string; status?: number; latency_ms?: number; count?: number };
export type ActiveFault = FaultSpec & { id: string; hits: number };

/**
 * The emulator's control API (`/_emulator/...`), over HTTP with the control token from its data
 * directory: the app's only way to reset it or inject faults.
 */
export function emulatorControl(baseUrl: string, controlToken: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}/_emulator${path}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${controlToken}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const error = json.error as { message?: string } | undefined;
      throw new Error(
        `The Stripe emulator refused ${method} /_emulator${path}: ${response.status} ${error?.message ?? ""}`,
      );
    }
    return json;
  };
  return {
    url: baseUrl,
    /** Forgets every object, event, fault and request the emulator holds. */
    reset: async (): Promise<void> => {
      await call("POST", "/reset");
    },
    addFault: async (fault: FaultSpec): Promise<string> =>
      (await call("POST", "/faults", fault)).id as string,
    removeFault: async (id: string): Promise<void> => {
      await call("DELETE", `/faults/${encodeURIComponent(id)}`);
    },
    faults: async (): Promise<ActiveFault[]> =>
      (await call("GET", "/faults")).data as ActiveFault[],
  };
}
export type EmulatorControl = ReturnType<typeof emulatorControl>;
