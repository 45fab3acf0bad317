import { pathObjectMissing } from "../http/errors.ts";
import { str, validateParams } from "../http/params.ts";
import { type ApiRequest, ok, type Route } from "../http/route.ts";
import type { Services } from "../services.ts";
import { listFields, listJson } from "./list.ts";

/** A list filtered on top-level fields (`customer`, `payment_intent`, `charge`) named in the query. */
function listBy(
  services: Services,
  kind: string,
  url: string,
  request: ApiRequest,
  filters: string[],
): string {
  const params = validateParams(request, {
    ...listFields,
    created: { type: "any" },
    ...Object.fromEntries(filters.map((name) => [name, { type: "string" as const }])),
  });
  const needles = filters.flatMap((name) => {
    const value = str(params, name);
    return value === undefined ? [] : [`"${name}":${JSON.stringify(value)}`];
  });
  return listJson(url, services.store.newestFirst(kind), params, (entry) =>
    needles.every((needle) => entry.json.includes(needle)),
  );
}

/** `GET /v1/<path>/:id` and `GET /v1/<path>` for an object kind only ever written by the emulator. */
export function readRoutes(
  services: Services,
  kind: string,
  path: string,
  noun: string,
  filters: string[],
): Route[] {
  return [
    {
      method: "GET",
      path: `${path}/:id`,
      handler: (request) => {
        validateParams(request, { expand: { type: "any" } });
        const id = request.pathParams.id ?? "";
        const entry = services.store.getOf(kind, id);
        if (!entry) throw pathObjectMissing(noun, id);
        return ok(entry.json);
      },
    },
    {
      method: "GET",
      path,
      handler: (request) => ok(listBy(services, kind, path, request, filters)),
    },
  ];
}
