import { randomBytes } from "node:crypto";
import { invalidRequest, pathObjectMissing } from "../http/errors.ts";
import { newId, nowSeconds } from "../http/ids.ts";
import { arr, type Fields, str, stringMap, validateParams } from "../http/params.ts";
import { ok, type Route } from "../http/route.ts";
import type { Services } from "../services.ts";
import {
  WEBHOOK_ENDPOINT,
  type WebhookEndpoint,
  type WebhookEndpointMeta,
} from "../webhooks/dispatcher.ts";
import { mergeMetadata } from "./customers.ts";
import { listFields, listJson } from "./list.ts";

const endpointFields: Fields = {
  url: { type: "string", maxLength: 5000 },
  enabled_events: { type: "array", items: { type: "string" } },
  description: { type: "string", emptyAllowed: true },
  metadata: { type: "metadata" },
  api_version: { type: "string" },
  disabled: { type: "boolean" },
  connect: { type: "boolean" },
  expand: { type: "any" },
};

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidRequest(`Invalid URL: ${url}`, "url_invalid", "url");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw invalidRequest(`Invalid URL: ${url}. URLs must use http or https.`, "url_invalid", "url");
  }
}

function load(
  services: Services,
  id: string,
): { endpoint: WebhookEndpoint; meta: WebhookEndpointMeta } {
  const entry = services.store.getOf(WEBHOOK_ENDPOINT, id);
  if (!entry?.meta) throw pathObjectMissing("webhook endpoint", id);
  return {
    endpoint: JSON.parse(entry.json) as WebhookEndpoint,
    meta: JSON.parse(entry.meta) as WebhookEndpointMeta,
  };
}

function newSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

/**
 * Makes sure an endpoint for `url` exists with `secret` and receives `events`; called at start
 * when the emulator is configured from the environment, so restarts do not duplicate it.
 */
export function ensureWebhookEndpoint(
  services: Services,
  { url, events = ["*"] }: { url: string; events?: string[] | undefined },
  secret: string,
): WebhookEndpoint {
  checkUrl(url);
  for (const entry of services.store.oldestFirst(WEBHOOK_ENDPOINT)) {
    const endpoint = JSON.parse(entry.json) as WebhookEndpoint;
    if (endpoint.url !== url) continue;
    endpoint.status = "enabled";
    endpoint.enabled_events = events;
    services.store.put(WEBHOOK_ENDPOINT, endpoint.id, endpoint, {
      secret,
    } satisfies WebhookEndpointMeta);
    return endpoint;
  }
  const endpoint: WebhookEndpoint = {
    id: newId("we"),
    object: "webhook_endpoint",
    api_version: null,
    application: null,
    created: nowSeconds(),
    description: "Configured from STRIPE_EMULATOR_WEBHOOK_URL",
    enabled_events: events,
    livemode: false,
    metadata: {},
    status: "enabled",
    url,
  };
  services.store.put(WEBHOOK_ENDPOINT, endpoint.id, endpoint, {
    secret,
  } satisfies WebhookEndpointMeta);
  return endpoint;
}

function enabledEvents(values: unknown[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const events = values.filter((value): value is string => typeof value === "string");
  if (events.length === 0) {
    throw invalidRequest(
      "enabled_events must contain at least one event type.",
      "parameter_missing",
      "enabled_events",
    );
  }
  return events;
}

export function webhookEndpointRoutes(services: Services): Route[] {
  return [
    {
      method: "POST",
      path: "/v1/webhook_endpoints",
      handler: (request) => {
        const params = validateParams(request, {
          ...endpointFields,
          url: { type: "string", required: true, maxLength: 5000 },
          enabled_events: { type: "array", required: true, items: { type: "string" } },
        });
        const url = str(params, "url") ?? "";
        checkUrl(url);
        const endpoint: WebhookEndpoint = {
          id: newId("we"),
          object: "webhook_endpoint",
          api_version: str(params, "api_version") ?? null,
          application: null,
          created: request.now,
          description: str(params, "description") || null,
          enabled_events: enabledEvents(arr(params, "enabled_events")) ?? ["*"],
          livemode: false,
          metadata: stringMap(params, "metadata") ?? {},
          status: "enabled",
          url,
        };
        const secret = newSecret();
        services.store.put(WEBHOOK_ENDPOINT, endpoint.id, endpoint, {
          secret,
        } satisfies WebhookEndpointMeta);
        return ok(JSON.stringify({ ...endpoint, secret }));
      },
    },
    {
      method: "GET",
      path: "/v1/webhook_endpoints/:id",
      handler: (request) => {
        validateParams(request, { expand: { type: "any" } });
        return ok(JSON.stringify(load(services, request.pathParams.id ?? "").endpoint));
      },
    },
    {
      method: "POST",
      path: "/v1/webhook_endpoints/:id",
      handler: (request) => {
        const { endpoint, meta } = load(services, request.pathParams.id ?? "");
        const params = validateParams(request, endpointFields);
        const url = str(params, "url");
        if (url !== undefined) {
          checkUrl(url);
          endpoint.url = url;
        }
        endpoint.enabled_events =
          enabledEvents(arr(params, "enabled_events")) ?? endpoint.enabled_events;
        const description = str(params, "description");
        if (description !== undefined) endpoint.description = description || null;
        const disabled = params.disabled;
        if (typeof disabled === "boolean") endpoint.status = disabled ? "disabled" : "enabled";
        endpoint.metadata = mergeMetadata(
          endpoint.metadata,
          stringMap(params, "metadata"),
          request.form.metadata === "",
        );
        return ok(services.store.put(WEBHOOK_ENDPOINT, endpoint.id, endpoint, meta));
      },
    },
    {
      method: "DELETE",
      path: "/v1/webhook_endpoints/:id",
      handler: (request) => {
        const { endpoint } = load(services, request.pathParams.id ?? "");
        services.store.remove(endpoint.id);
        return ok(JSON.stringify({ id: endpoint.id, object: "webhook_endpoint", deleted: true }));
      },
    },
    {
      method: "GET",
      path: "/v1/webhook_endpoints",
      handler: (request) => {
        const params = validateParams(request, listFields);
        return ok(
          listJson("/v1/webhook_endpoints", services.store.newestFirst(WEBHOOK_ENDPOINT), params),
        );
      },
    },
  ];
}
