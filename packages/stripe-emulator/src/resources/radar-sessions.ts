import { resourceMissing } from "../http/errors.ts";
import { newId } from "../http/ids.ts";
import { arr, type Fields, int, obj, str, validateFields } from "../http/params.ts";
import { ok, type Route } from "../http/route.ts";
import { deviceKey } from "../risk/device.ts";
import type { DeviceFacts } from "../risk/history.ts";
import type { Services } from "../services.ts";

const KIND = "radar.session";

/** What the emulator keeps about the browser a Radar Session came from. */
export interface RadarSessionMeta extends DeviceFacts {
  device_id: string | null;
  user_agent: string;
  languages: string[];
  screen: { width: number | null; height: number | null } | null;
  created: number;
}

const sessionFields: Fields = {
  device_id: { type: "string", maxLength: 200 },
  timezone: { type: "string", maxLength: 100 },
  languages: { type: "array", items: { type: "string", maxLength: 50 } },
  screen: {
    type: "object",
    fields: {
      width: { type: "integer", min: 0 },
      height: { type: "integer", min: 0 },
      pixel_ratio: { type: "string" },
    },
  },
  user_agent: { type: "string", maxLength: 1000 },
  platform: { type: "string", maxLength: 100 },
};

// Radar Sessions never change once created and each is read by every evaluation naming it, so
// recently read ones are kept parsed (per store, bounded).
const parsedSessions = new WeakMap<Services["store"], Map<string, RadarSessionMeta>>();
const PARSED_SESSIONS_MAX = 10_000;

export function findRadarSession(services: Services, id: string): RadarSessionMeta | undefined {
  if (!services.store.has(KIND, id)) return undefined;
  let cache = parsedSessions.get(services.store);
  if (!cache) {
    cache = new Map();
    parsedSessions.set(services.store, cache);
  }
  let session = cache.get(id);
  if (!session) {
    const meta = services.store.get(id)?.meta;
    if (!meta) return undefined;
    session = JSON.parse(meta) as RadarSessionMeta;
    if (cache.size >= PARSED_SESSIONS_MAX) cache.clear();
    cache.set(id, session);
  }
  return session;
}

/** A Radar Session named in a parameter; 400 resource_missing when unknown. */
export function requireRadarSession(
  services: Services,
  id: string,
  param: string,
): RadarSessionMeta {
  const session = findRadarSession(services, id);
  if (!session) throw resourceMissing("radar session", id, param);
  return session;
}

export function radarSessionRoutes(services: Services): Route[] {
  return [
    {
      method: "POST",
      path: "/v1/radar/session",
      publishable: true,
      handler: (request) => {
        const params = validateFields(request.form, sessionFields);
        const userAgent = str(params, "user_agent") ?? request.userAgent;
        const deviceId = str(params, "device_id");
        const screen = obj(params, "screen");
        const id = newId("rse");
        const meta: RadarSessionMeta = {
          device: deviceKey(deviceId, request.ip, userAgent),
          ip: request.ip,
          timezone: str(params, "timezone") ?? null,
          device_id: deviceId ?? null,
          user_agent: userAgent,
          languages: (arr(params, "languages") ?? []).filter(
            (l): l is string => typeof l === "string",
          ),
          screen: screen
            ? { width: int(screen, "width") ?? null, height: int(screen, "height") ?? null }
            : null,
          created: request.now,
        };
        return ok(services.store.put(KIND, id, { id }, meta));
      },
    },
  ];
}
