import { pathObjectMissing } from "../http/errors.ts";
import { str, validateFields } from "../http/params.ts";
import { ok, type Route } from "../http/route.ts";
import type { Services } from "../services.ts";
import { EVENT, V2_EVENT } from "../webhooks/events.ts";
import { listFields, listJson } from "./list.ts";

export function eventRoutes(services: Services): Route[] {
  return [
    {
      method: "GET",
      path: "/v2/core/events/:id",
      handler: (request) => {
        const id = request.pathParams.id ?? "";
        const entry = services.store.getOf(V2_EVENT, id);
        if (!entry) throw pathObjectMissing("event", id);
        return ok(entry.json);
      },
    },
    {
      method: "GET",
      path: "/v1/events/:id",
      handler: (request) => {
        validateFields(request.form, { expand: { type: "any" } });
        const id = request.pathParams.id ?? "";
        const entry = services.store.getOf(EVENT, id);
        if (!entry) throw pathObjectMissing("event", id);
        return ok(entry.json);
      },
    },
    {
      method: "GET",
      path: "/v1/events",
      handler: (request) => {
        const params = validateFields(request.form, {
          ...listFields,
          type: { type: "string" },
          types: { type: "array", items: { type: "string" } },
          created: { type: "any" },
          delivery_success: { type: "boolean" },
        });
        const type = str(params, "type");
        const types = Array.isArray(params.types) ? params.types : undefined;
        const matches = (eventType: string): boolean => {
          if (types) return types.includes(eventType);
          if (type === undefined) return true;
          if (type.endsWith(".*")) return eventType.startsWith(type.slice(0, -1));
          return eventType === type;
        };
        return ok(
          listJson("/v1/events", services.store.newestFirst(EVENT), params, (entry) => {
            const match = /"type":"([^"]+)"}$/.exec(entry.json);
            return matches(match?.[1] ?? "");
          }),
        );
      },
    },
  ];
}
