import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { EmulatorConfig } from "./config.ts";
import { controlAccess, controlRefusal } from "./control/access.ts";
import { type Fault, FaultInjector, faultReply } from "./control/faults.ts";
import { RequestLog } from "./control/request-log.ts";
import { handleControl, parseControlBody } from "./control/routes.ts";
import { authenticate } from "./http/auth.ts";
import { applyControlCors, applyPublicCors, controlOrigins } from "./http/cors.ts";
import { StripeError, unrecognizedUrl, withRequestLogUrl } from "./http/errors.ts";
import { expandJson, expandPaths } from "./http/expand.ts";
import { type FormObject, parseForm } from "./http/form.ts";
import { IdempotencyCache } from "./http/idempotency.ts";
import { newId, nowSeconds } from "./http/ids.ts";
import { clientIp, header, MAX_BODY_BYTES, readBody } from "./http/incoming.ts";
import { parseJsonBody } from "./http/json-params.ts";
import { type ApiRequest, type Reply, Router } from "./http/route.ts";
import { parseApiVersion, requirePreviewVersion } from "./http/versions.ts";
import { readOrCreateLocalSecrets } from "./local-secrets.ts";
import { chargeRoutes } from "./resources/charges.ts";
import { customerEvaluationRoutes } from "./resources/customer-evaluations.ts";
import { customerRoutes } from "./resources/customer-routes.ts";
import { disputeRoutes } from "./resources/disputes.ts";
import { eventRoutes } from "./resources/events.ts";
import { storeExpansions } from "./resources/expandable.ts";
import { paymentEvaluationRoutes } from "./resources/payment-evaluations.ts";
import { paymentIntentRoutes } from "./resources/payment-intents.ts";
import { paymentMethodRoutes } from "./resources/payment-methods.ts";
import { radarSessionRoutes } from "./resources/radar-sessions.ts";
import { refundRoutes } from "./resources/refunds.ts";
import { searchRoutes } from "./resources/search.ts";
import { setupIntentRoutes } from "./resources/setup-intents.ts";
import {
  resumeAccountEvaluations,
  signalsRoutes,
} from "./resources/signals/account-evaluations.ts";
import { SignalCompletions } from "./resources/signals/completions.ts";
import { ensureWebhookEndpoint, webhookEndpointRoutes } from "./resources/webhook-endpoints.ts";
import { RiskHistory } from "./risk/history.ts";
import { rebuildRiskHistory } from "./risk/rebuild.ts";
import { createServices, type Services } from "./services.ts";
import { Store } from "./store/store.ts";
import { WebhookDispatcher } from "./webhooks/dispatcher.ts";
import { EventPublisher } from "./webhooks/events.ts";

const standInScript = readFileSync(new URL("../stripe-js/stripe.js", import.meta.url), "utf8");

export interface Emulator {
  server: Server;
  services: Services;
  /** The control API's token, from the data dir's local-secrets.json. */
  controlToken: string;
  /** The configured webhook endpoint's signing secret (the data dir's unless overridden). */
  webhookSecret: string;
  listen(port: number): Promise<number>;
  close(): Promise<void>;
}

export function createEmulator(config: EmulatorConfig): Emulator {
  const store = new Store(config.dataDir, { fsync: config.fsync });
  const secrets = readOrCreateLocalSecrets(config.dataDir);
  const webhookSecret = config.webhook?.secret ?? secrets.webhookSecret;
  const allowedOrigins = controlOrigins(config.allowedOrigins, config.webhook?.url);
  const risk = new RiskHistory(config.riskWindowSeconds);
  const webhooks = new WebhookDispatcher(
    store,
    config.webhookRetryDelaysMs,
    config.webhookTimeoutMs,
  );
  const events = new EventPublisher(store, (event) => webhooks.deliver(event));
  const services = createServices({ store, risk, events });
  const completions = new SignalCompletions(config.signalsDelayMs);
  store.load();
  rebuildRiskHistory(store, risk);
  webhooks.resume();
  resumeAccountEvaluations(services, completions);
  if (config.webhook) ensureWebhookEndpoint(services, config.webhook, webhookSecret);

  const router = new Router([
    ...searchRoutes(services),
    ...radarSessionRoutes(services),
    ...customerEvaluationRoutes(services),
    ...signalsRoutes(services, completions),
    ...paymentEvaluationRoutes(services),
    ...customerRoutes(services),
    ...paymentMethodRoutes(services, { rawCardData: config.rawCardData }),
    ...paymentIntentRoutes(services),
    ...setupIntentRoutes(services),
    ...chargeRoutes(services),
    ...refundRoutes(services),
    ...disputeRoutes(services),
    ...webhookEndpointRoutes(services),
    ...eventRoutes(services),
  ]);
  const idempotency = new IdempotencyCache(store);
  const expansions = storeExpansions(store);
  const faults = new FaultInjector();
  const log = new RequestLog(config.requestLogSize);
  const startedAt = Date.now();
  let baseUrl = "http://127.0.0.1";

  const reset = (): void => {
    webhooks.clear();
    completions.reset();
    store.reset();
    risk.clear();
    idempotency.clear();
    faults.clear();
    log.clear();
    if (config.webhook) ensureWebhookEndpoint(services, config.webhook, webhookSecret);
  };

  function send(
    response: ServerResponse,
    status: number,
    body: string,
    contentType = "application/json",
  ): void {
    response.writeHead(status, {
      "Content-Type": contentType,
      "Content-Length": Buffer.byteLength(body),
    });
    response.end(body);
  }

  function errorReply(error: unknown, v2 = false): Reply & { headers?: Record<string, string> } {
    if (error instanceof StripeError) {
      const body = v2 ? error.toV2JSON() : error.toJSON();
      return { status: error.status, json: JSON.stringify(body), headers: error.headers };
    }
    console.error("stripe emulator: unexpected error", error);
    return {
      status: 500,
      json: JSON.stringify({
        error: {
          type: "api_error",
          message: "An unexpected error occurred in the Stripe emulator.",
        },
      }),
    };
  }

  async function applyFault(
    fault: Fault,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<Reply | "dropped" | undefined> {
    if (fault.latency_ms) await new Promise((resolve) => setTimeout(resolve, fault.latency_ms));
    if (fault.drop) {
      request.socket.destroy();
      return "dropped";
    }
    if (!fault.status) return undefined;
    response.setHeader("Stripe-Emulator-Fault", fault.id);
    // Rate-limited clients are told when to come back.
    if (fault.status === 429) response.setHeader("Retry-After", "1");
    return faultReply(fault.status);
  }

  async function handleApi(
    request: IncomingMessage,
    response: ServerResponse,
    method: string,
    path: string,
    query: string,
    requestId: string,
  ): Promise<{ status: number; json: string; body: Buffer }> {
    const raw = method === "POST" ? await readBody(request) : Buffer.alloc(0);
    const rawBody = raw === "too_large" ? Buffer.alloc(0) : raw;
    const idempotencyKey = method === "POST" ? header(request, "idempotency-key") : undefined;
    const v2 = path.startsWith("/v2/");
    let reply: Reply & { headers?: Record<string, string> };
    let runIdempotent = false;
    try {
      if (raw === "too_large") {
        throw new StripeError(413, {
          type: "invalid_request_error",
          message: `Request body too large: the limit is ${MAX_BODY_BYTES} bytes.`,
        });
      }
      const matched = router.match(method, path);
      if (!matched || matched === "method_not_allowed") throw unrecognizedUrl(method, path);
      const keyKind = authenticate(
        header(request, "authorization"),
        matched.route.publishable === true,
        header(request, "origin"),
      );
      const versionHeader = header(request, "stripe-version");
      const apiVersion = parseApiVersion(versionHeader);
      if (matched.route.preview) {
        requirePreviewVersion(apiVersion, Boolean(versionHeader), matched.route.preview);
      }
      const form: FormObject = v2 ? {} : parseForm(method === "POST" ? raw : query);
      const jsonBody = v2 ? parseJsonBody(raw) : undefined;
      const expand = form.expand === undefined ? undefined : expandPaths(form.expand, expansions);
      if (idempotencyKey) {
        const replay = idempotency.begin(
          idempotencyKey,
          `${method} ${path} ${rawBody.toString("latin1")}`,
        );
        if (replay) {
          response.setHeader("Idempotent-Replayed", "true");
          response.setHeader("Idempotency-Key", idempotencyKey);
          return { ...replay, body: rawBody };
        }
        runIdempotent = true;
      }
      // A slow (latency) fault keeps the request in flight with its idempotency key taken.
      const fault = faults.take(method, path);
      const faulted = fault ? await applyFault(fault, request, response) : undefined;
      if (faulted === "dropped") {
        if (idempotencyKey && runIdempotent) idempotency.abandon(idempotencyKey);
        return { status: 0, json: "", body: rawBody };
      }
      if (faulted) {
        reply = faulted;
      } else {
        const apiRequest: ApiRequest = {
          method,
          path,
          form,
          jsonBody,
          pathParams: matched.params,
          apiVersion,
          keyKind,
          ip: clientIp(request),
          userAgent: header(request, "user-agent") ?? "",
          requestId,
          idempotencyKey,
          now: nowSeconds(),
          baseUrl,
          stripeParameters: matched.stripeParameters,
        };
        response.setHeader("Stripe-Version", apiVersion);
        reply = matched.route.handler(apiRequest);
        if (expand && reply.status < 300) {
          reply = { ...reply, json: expandJson(reply.json, expand, expansions) };
        }
      }
    } catch (error) {
      reply = errorReply(error, v2);
    }
    if (reply.status >= 400) reply.json = withRequestLogUrl(reply.json, baseUrl, requestId);
    if (idempotencyKey && runIdempotent) {
      if (reply.status < 300 || reply.status === 402) {
        idempotency.complete(idempotencyKey, { status: reply.status, json: reply.json });
      } else {
        idempotency.abandon(idempotencyKey);
      }
      response.setHeader("Idempotency-Key", idempotencyKey);
    }
    if (reply.headers) {
      for (const [name, value] of Object.entries(reply.headers)) response.setHeader(name, value);
    }
    return { status: reply.status, json: reply.json, body: rawBody };
  }

  async function handleControlRequest(
    request: IncomingMessage,
    method: string,
    path: string,
    query: string,
    requestId: string,
  ): Promise<{ status: number; body: string; contentType: string; location?: string }> {
    const refusal = controlRefusal(
      request,
      controlAccess(path),
      secrets.controlToken,
      allowedOrigins,
    );
    if (refusal) {
      return {
        status: refusal.status,
        body: JSON.stringify({
          error: { type: "invalid_request_error", message: refusal.message },
        }),
        contentType: "application/json",
      };
    }
    const raw = method === "POST" ? await readBody(request) : Buffer.alloc(0);
    try {
      if (raw === "too_large")
        throw new StripeError(413, {
          type: "invalid_request_error",
          message: "Request body too large.",
        });
      const body = parseControlBody(raw, header(request, "content-type") ?? "");
      const apiRequest: ApiRequest = {
        method,
        path,
        form: {},
        jsonBody: undefined,
        pathParams: {},
        apiVersion: parseApiVersion(undefined),
        keyKind: "secret",
        ip: clientIp(request),
        userAgent: header(request, "user-agent") ?? "",
        requestId,
        idempotencyKey: undefined,
        now: nowSeconds(),
        baseUrl,
        stripeParameters: new Set(),
      };
      const reply = handleControl(
        {
          services,
          faults,
          log,
          webhooks,
          completions,
          reset,
          dataDir: config.dataDir,
          startedAt,
        },
        method,
        path,
        new URLSearchParams(query),
        body,
        apiRequest,
      );
      if (reply.contentType === "redirect") {
        return { status: 303, body: "", contentType: "text/plain", location: String(reply.body) };
      }
      if (reply.contentType)
        return { status: reply.status, body: String(reply.body), contentType: reply.contentType };
      return {
        status: reply.status,
        body: JSON.stringify(reply.body),
        contentType: "application/json",
      };
    } catch (error) {
      const reply = errorReply(error);
      return { status: reply.status, body: reply.json, contentType: "application/json" };
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = newId("req", 14);
    response.setHeader("Request-Id", requestId);
    const method = request.method ?? "GET";
    const url = request.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? "" : url.slice(q + 1);
    const isControl = path.startsWith("/_emulator/") && controlAccess(path) !== "browser";
    if (isControl) applyControlCors(request, response, allowedOrigins);
    else applyPublicCors(request, response, allowedOrigins);
    if (method === "OPTIONS") {
      const origin = request.headers.origin;
      response.statusCode = isControl && origin && !allowedOrigins.has(origin) ? 403 : 204;
      response.end();
      return;
    }
    if (path === "/v3" || path === "/v3/") {
      response.setHeader("Cache-Control", "no-cache");
      send(response, 200, standInScript, "application/javascript; charset=utf-8");
      return;
    }
    if (path.startsWith("/_emulator/")) {
      const reply = await handleControlRequest(request, method, path, query, requestId);
      if (reply.location) response.setHeader("Location", reply.location);
      await store.durable();
      send(response, reply.status, reply.body, reply.contentType);
      if (!path.startsWith("/_emulator/requests")) {
        log.add({
          id: requestId,
          method,
          path,
          query,
          body: undefined,
          api_version: undefined,
          status: reply.status,
          response: "",
          duration_ms: performance.now() - started,
          time: nowSeconds(),
        });
      }
      return;
    }
    let result: { status: number; json: string; body: Buffer };
    if (path.startsWith("/v1/") || path.startsWith("/v2/")) {
      result = await handleApi(request, response, method, path, query, requestId);
    } else {
      result = {
        status: 404,
        json: withRequestLogUrl(
          JSON.stringify(unrecognizedUrl(method, path).toJSON()),
          baseUrl,
          requestId,
        ),
        body: Buffer.alloc(0),
      };
    }
    await store.durable();
    if (result.status !== 0) {
      if (result.status === 413) response.setHeader("Connection", "close");
      send(response, result.status, result.json);
    }
    log.add({
      id: requestId,
      method,
      path,
      query,
      body: method === "POST" ? result.body : undefined,
      api_version: header(request, "stripe-version"),
      status: result.status,
      response: result.json,
      duration_ms: Math.round((performance.now() - started) * 100) / 100,
      time: nowSeconds(),
    });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error("stripe emulator: request failed", error);
      if (!response.headersSent && !response.destroyed) {
        send(
          response,
          500,
          JSON.stringify({ error: { type: "api_error", message: "Internal emulator error." } }),
        );
      } else {
        response.destroy();
      }
    });
  });
  server.keepAliveTimeout = 30_000;

  return {
    server,
    services,
    controlToken: secrets.controlToken,
    webhookSecret,
    listen(port: number): Promise<number> {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
          const actual = (server.address() as AddressInfo).port;
          baseUrl = `http://127.0.0.1:${actual}`;
          resolve(actual);
        });
      });
    },
    async close(): Promise<void> {
      webhooks.stop();
      completions.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.compact();
      store.close();
    },
  };
}
