import { invalidRequest, StripeError } from "../http/errors.ts";
import { parseForm } from "../http/form.ts";
import { IDEMPOTENCY_KEY } from "../http/idempotency.ts";
import type { ApiRequest } from "../http/route.ts";
import { explainCustomerEvaluation } from "../resources/customer-evaluation-record.ts";
import { findCustomerEvaluation } from "../resources/customer-evaluations.ts";
import type { PaymentEvaluationMeta } from "../resources/payment-evaluations.ts";
import { completeThreeDSecure, PAYMENT_INTENT } from "../resources/payment-intents.ts";
import {
  explainAccountEvaluation,
  findAccountEvaluation,
} from "../resources/signals/account-evaluations.ts";
import type { SignalCompletions } from "../resources/signals/completions.ts";
import { ELEVATED_FROM, HIGHEST_FROM } from "../risk/bands.ts";
import { scorePayment } from "../risk/scoring.ts";
import type { Services } from "../services.ts";
import { WEBHOOK_DELIVERY, type WebhookDispatcher } from "../webhooks/dispatcher.ts";
import { type FaultInjector, parseFault } from "./faults.ts";
import type { LoggedRequest, RequestLog } from "./request-log.ts";

export interface ControlDeps {
  services: Services;
  faults: FaultInjector;
  log: RequestLog;
  webhooks: WebhookDispatcher;
  completions: SignalCompletions;
  reset: () => void;
  dataDir: string;
  startedAt: number;
}

export interface ControlReply {
  status: number;
  body: unknown;
  contentType?: string;
}

const json = (body: unknown, status = 200): ControlReply => ({ status, body });

function explain(deps: ControlDeps, id: string): ControlReply {
  const bands = {
    highest: `${HIGHEST_FROM}-100`,
    elevated: `${ELEVATED_FROM}-${HIGHEST_FROM - 1}`,
    normal: `0-${ELEVATED_FROM - 1}`,
  };
  const window_hours = deps.services.risk.windowHours;
  const accountEvaluation = findAccountEvaluation(deps.services, id);
  if (accountEvaluation) {
    const explained = explainAccountEvaluation(accountEvaluation);
    return json({
      id,
      object: "v2.signals.account_evaluation",
      signals: Object.fromEntries(
        Object.entries(explained).map(([name, assessment]) => [
          name,
          {
            score: assessment.score,
            risk_level: assessment.risk_level,
            factors: assessment.factors,
            inputs: accountEvaluation.results[name as keyof typeof explained]?.inputs,
          },
        ]),
      ),
      account_details: accountEvaluation.account_details,
      account_activity: accountEvaluation.account_activity,
      bands,
      window_hours,
    });
  }
  const customerEvaluation = findCustomerEvaluation(deps.services, id);
  if (customerEvaluation) {
    const assessment = explainCustomerEvaluation(customerEvaluation);
    return json({
      id,
      object: "radar.customer_evaluation",
      signal: customerEvaluation.event_type === "login" ? "account_sharing" : "multi_accounting",
      score: assessment.score,
      risk_level: assessment.risk_level,
      factors: assessment.factors,
      inputs: customerEvaluation.inputs,
      customer: customerEvaluation.customer,
      radar_session: customerEvaluation.radar_session,
      bands,
      window_hours,
    });
  }
  const entry = deps.services.store.getOf("radar.payment_evaluation", id);
  if (!entry?.meta) {
    return json({ error: { message: `No such customer or payment evaluation: '${id}'` } }, 404);
  }
  const meta = JSON.parse(entry.meta) as PaymentEvaluationMeta;
  const assessment = scorePayment(meta.inputs);
  return json({
    id,
    object: "radar.payment_evaluation",
    signal: "fraudulent_payment",
    score: assessment.score,
    risk_level: assessment.risk_level,
    recommended_action: assessment.recommended_action,
    factors: assessment.factors,
    inputs: meta.inputs,
    customer: meta.facts.customer,
    outcome: (JSON.parse(entry.json) as { outcome: unknown }).outcome,
    bands,
    window_hours,
  });
}

/** The challenge page is shown only to whoever holds the PaymentIntent's client secret. */
function checkClientSecret(services: Services, id: string, clientSecret: string): void {
  const entry = services.store.getOf(PAYMENT_INTENT, id);
  const expected = entry && (JSON.parse(entry.json) as { client_secret: string }).client_secret;
  if (!expected || clientSecret !== expected) {
    throw invalidRequest(
      "The client_secret provided does not match this PaymentIntent.",
      undefined,
      "client_secret",
    );
  }
}

/**
 * The challenge page sends the browser, with the client secret, only back to the return_url the
 * PaymentIntent was confirmed with (as Stripe does); a PaymentIntent confirmed without one
 * (Stripe.js's modal) answers JSON. Checked before anything is authenticated.
 */
function checkReturnUrl(services: Services, id: string, returnUrl: string): void {
  const entry = services.store.getOf(PAYMENT_INTENT, id);
  const confirmed =
    entry &&
    (JSON.parse(entry.json) as { next_action?: { redirect_to_url?: { return_url?: string } } })
      .next_action?.redirect_to_url?.return_url;
  if (returnUrl === "") return;
  const parsed = URL.canParse(returnUrl) ? new URL(returnUrl) : null;
  const web = parsed?.protocol === "http:" || parsed?.protocol === "https:";
  if (web && returnUrl === confirmed) return;
  throw invalidRequest(
    confirmed
      ? "return_url must be the return_url this PaymentIntent was confirmed with."
      : "This PaymentIntent was confirmed without a return_url: complete its authentication without one.",
    "url_invalid",
    "return_url",
  );
}

function challengePage(id: string, clientSecret: string, returnUrl: string): string {
  const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>3D Secure test challenge</title></head>
<body style="font-family:system-ui;max-width:28rem;margin:4rem auto">
<h1>3D Secure test payment</h1><p>Stripe emulator: complete or fail the authentication of ${escapeHtml(id)}.</p>
<form method="post" action="/_emulator/3ds/${escapeHtml(id)}">
<input type="hidden" name="client_secret" value="${escapeHtml(clientSecret)}">
<input type="hidden" name="return_url" value="${escapeHtml(returnUrl)}">
<button name="result" value="approve">Complete authentication</button>
<button name="result" value="fail">Fail authentication</button></form></body></html>`;
}

/** A logged request with its body and response decoded. */
function readable(entry: LoggedRequest) {
  const body = entry.path.startsWith("/v2/")
    ? parseMaybe(entry.body?.toString("utf8") ?? "")
    : parseBody(entry.body);
  return { ...entry, body, response: parseMaybe(entry.response) };
}

/** The emulator-only API under /_emulator/: JSON in, JSON out (access: see access.ts). */
export function handleControl(
  deps: ControlDeps,
  method: string,
  path: string,
  query: URLSearchParams,
  body: Record<string, unknown>,
  request: ApiRequest,
): ControlReply {
  const parts = path.split("/").filter(Boolean).slice(1);
  const [head, arg] = parts;
  if (method === "GET" && head === "health") {
    return json({
      status: "ok",
      pid: process.pid,
      uptime_s: Math.round((Date.now() - deps.startedAt) / 1000),
      rss_bytes: process.memoryUsage.rss(),
      heap_used_bytes: process.memoryUsage().heapUsed,
      objects:
        deps.services.store.count() -
        deps.services.store.count(IDEMPOTENCY_KEY) -
        deps.services.store.count(WEBHOOK_DELIVERY),
      data_dir: deps.dataDir,
    });
  }
  if (method === "POST" && head === "reset") {
    deps.reset();
    return json({ reset: true });
  }
  if (method === "GET" && head === "requests" && arg) {
    const entry = deps.log.find(arg);
    if (!entry) return json({ error: { message: `No such request in the log: '${arg}'` } }, 404);
    return json(readable(entry));
  }
  if (method === "GET" && head === "requests") {
    const limit = Math.min(10_000, Math.max(1, Number(query.get("limit") ?? 50) || 50));
    const entries = deps.log.recent(limit, query.get("path") ?? undefined).map(readable);
    return json({ data: entries });
  }
  if (head === "faults") {
    if (method === "POST" && !arg) {
      const parsed = parseFault(body);
      if (typeof parsed === "string") return json({ error: { message: parsed } }, 400);
      const fault = deps.faults.add(parsed);
      return json({ id: fault.id, fault });
    }
    if (method === "GET" && !arg) return json({ data: deps.faults.list() });
    if (method === "DELETE" && !arg) {
      deps.faults.clear();
      return json({ deleted: true });
    }
    if (method === "DELETE" && arg) {
      return deps.faults.remove(arg)
        ? json({ id: arg, deleted: true })
        : json({ error: { message: `No such fault: '${arg}'` } }, 404);
    }
  }
  if (method === "GET" && head === "explain" && arg) return explain(deps, arg);
  if (head === "signals" && arg === "completion") {
    if (method === "POST") {
      const delay = body.delay_ms;
      if (delay !== null && !(typeof delay === "number" && Number.isInteger(delay) && delay >= 0)) {
        return json(
          { error: { message: "delay_ms must be a non-negative integer, or null for never" } },
          400,
        );
      }
      deps.completions.setDelay(delay);
    }
    if (method === "POST" || method === "GET") return json({ delay_ms: deps.completions.delay });
  }
  if (method === "GET" && head === "webhook_deliveries")
    return json({ data: deps.webhooks.list() });
  if (head === "3ds" && arg) {
    const clientSecret = String(body.client_secret ?? query.get("client_secret") ?? "");
    const returnUrl = String(body.return_url ?? query.get("return_url") ?? "");
    if (method === "GET") {
      checkClientSecret(deps.services, arg, clientSecret);
      checkReturnUrl(deps.services, arg, returnUrl);
      return {
        status: 200,
        body: challengePage(arg, clientSecret, returnUrl),
        contentType: "text/html; charset=utf-8",
      };
    }
    if (method === "POST") {
      const result = body.result;
      if (result !== "approve" && result !== "fail") {
        throw invalidRequest(
          "result must be 'approve' or 'fail'.",
          "parameter_invalid_string",
          "result",
        );
      }
      checkClientSecret(deps.services, arg, clientSecret);
      checkReturnUrl(deps.services, arg, returnUrl);
      const intent = completeThreeDSecure(
        deps.services,
        request,
        arg,
        clientSecret,
        result === "approve",
      );
      if (returnUrl) {
        const target = new URL(returnUrl);
        target.searchParams.set("payment_intent", arg);
        target.searchParams.set("payment_intent_client_secret", clientSecret);
        target.searchParams.set("redirect_status", result === "approve" ? "succeeded" : "failed");
        return { status: 303, body: target.toString(), contentType: "redirect" };
      }
      return { status: 200, body: JSON.parse(intent) };
    }
  }
  throw new StripeError(404, {
    type: "invalid_request_error",
    message: `Unrecognized emulator control URL (${method}: ${path}).`,
  });
}

/** A control request's body: JSON (the norm) or a form (the 3D Secure page posts one). */
export function parseControlBody(raw: Buffer, contentType: string): Record<string, unknown> {
  if (raw.length === 0) return {};
  if (contentType.includes("application/x-www-form-urlencoded")) return parseForm(raw);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
    return parsed as Record<string, unknown>;
  }
  throw new StripeError(400, {
    type: "invalid_request_error",
    message: "The body must be a JSON object.",
  });
}

function parseBody(body: Buffer | undefined): unknown {
  if (!body || body.length === 0) return null;
  try {
    return parseForm(body);
  } catch {
    return body.toString("latin1");
  }
}

function parseMaybe(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
