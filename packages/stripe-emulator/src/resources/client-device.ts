import { deviceKey } from "../risk/device.ts";
import type { DeviceFacts } from "../risk/history.ts";
import type { Services } from "../services.ts";
import { findRadarSession } from "./radar-sessions.ts";

/** `client_details.data`: what the merchant's server saw of the browser. */
export interface ClientData {
  ip: string;
  user_agent?: string | undefined;
  referrer?: string | undefined;
}

/**
 * The device an evaluation is about: the Radar Session's, or when none was made, one told
 * apart by the IP and User-Agent the merchant sent (a weaker signal, see scoring.ts). A Radar
 * Session wins when both are sent. `undefined` when the named Radar Session does not exist.
 */
export function clientDevice(
  services: Services,
  radarSession: string | undefined,
  data: ClientData | undefined,
): { radarSession: string | null; device: DeviceFacts | null } | undefined {
  if (radarSession) {
    const session = findRadarSession(services, radarSession);
    if (!session) return undefined;
    return {
      radarSession,
      device: { device: session.device, ip: session.ip, timezone: session.timezone },
    };
  }
  if (!data) return { radarSession: null, device: null };
  return {
    radarSession: null,
    device: {
      device: deviceKey(undefined, data.ip, data.user_agent ?? ""),
      ip: data.ip,
      timezone: null,
      clientData: true,
    },
  };
}
