import type { KeyKind } from "./auth.ts";
import type { FormObject } from "./form.ts";

export interface ApiRequest {
  method: string;
  path: string;
  form: FormObject;
  /** The parsed JSON body of a /v2 request (v2 takes JSON, v1 takes forms). */
  jsonBody: unknown;
  pathParams: Record<string, string>;
  apiVersion: string;
  keyKind: KeyKind;
  /** The caller's address (the browser's, for calls from the stand-in Stripe.js). */
  ip: string;
  userAgent: string;
  requestId: string;
  idempotencyKey: string | undefined;
  /** Unix seconds. */
  now: number;
  /** Where the emulator is reached, e.g. http://127.0.0.1:12111. */
  baseUrl: string;
}

export interface Reply {
  status: number;
  json: string;
}

export interface Route {
  method: "GET" | "POST" | "DELETE";
  /** `/v1/customers/:id` style. */
  path: string;
  /** Whether a publishable key may call it (Stripe.js endpoints). */
  publishable?: boolean;
  /** A preview endpoint: the first date of the preview versions that answer it. */
  preview?: string;
  handler: (request: ApiRequest) => Reply;
}

export function ok(json: string, status = 200): Reply {
  return { status, json };
}

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

/** Matches method + path against routes; `:name` segments become path params. */
export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: Route[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path
        .split("/")
        .map((segment) => {
          if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(segment.slice(1));
          return "([^/]+)";
        })
        .join("/");
      return { route, pattern: new RegExp(`^${source}/?$`), names };
    });
  }

  match(
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | "method_not_allowed" | undefined {
    let pathMatched = false;
    for (const { route, pattern, names } of this.compiled) {
      const match = pattern.exec(path);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        const raw = match[index + 1] ?? "";
        try {
          params[name] = decodeURIComponent(raw);
        } catch {
          params[name] = raw;
        }
      });
      return { route, params };
    }
    return pathMatched ? "method_not_allowed" : undefined;
  }
}
