import { invalidRequest } from "../http/errors.ts";
import { type Fields, int, str, validateParams } from "../http/params.ts";
import { ok, type Route } from "../http/route.ts";
import type { Services } from "../services.ts";
import type { Entry } from "../store/store.ts";

/**
 * Stripe's search query language (docs "Search query language"): clauses `field:value`,
 * `field~value` (substring), `field>value` and its kin on numbers, `-field:value` (negated),
 * `metadata['key']:value`, `field:null`, joined by `AND` or by `OR` (not both), at most 10.
 */
interface Clause {
  negated: boolean;
  /** `["status"]`, `["metadata", "key"]`. */
  path: string[];
  operator: ":" | "~" | ">" | "<" | ">=" | "<=";
  value: string | null;
}

const CLAUSE =
  /^(-)?([a-z_]+(?:\.[a-z_]+)*)(?:\[(?:'([^']*)'|"([^"]*)")\])?(:|~|>=|<=|>|<)(?:'([^']*)'|"([^"]*)"|(null|-?\d+(?:\.\d+)?))$/;

function syntaxError(query: string): never {
  throw invalidRequest(
    `Invalid query: '${query.slice(0, 200)}'. See https://docs.stripe.com/search#search-query-language.`,
    "parameter_invalid_string",
    "query",
  );
}

/** Splits on whitespace outside quotes. */
function words(query: string): string[] {
  return query.match(/(?:[^\s'"]+|'[^']*'|"[^"]*")+/g) ?? [];
}

export function parseQuery(query: string): { clauses: Clause[]; joiner: "AND" | "OR" } {
  const tokens = words(query.trim());
  const clauses: Clause[] = [];
  const joiners = new Set<string>();
  tokens.forEach((token, index) => {
    if (index % 2 === 1) {
      if (token !== "AND" && token !== "OR") syntaxError(query);
      joiners.add(token);
      return;
    }
    const match = CLAUSE.exec(token);
    if (!match) syntaxError(query);
    const [, negated, field = "", key1, key2, operator, single, double, bare] = match;
    const key = key1 ?? key2;
    clauses.push({
      negated: negated === "-",
      path: key === undefined ? field.split(".") : [field, key],
      operator: operator as Clause["operator"],
      value: bare === "null" ? null : (single ?? double ?? bare ?? null),
    });
  });
  if (clauses.length === 0 || tokens.length % 2 === 0) syntaxError(query);
  if (joiners.size > 1) {
    throw invalidRequest(
      "Queries cannot mix AND and OR: use one of them between every clause.",
      "parameter_invalid_string",
      "query",
    );
  }
  if (clauses.length > 10) {
    throw invalidRequest(
      "A query can have at most 10 clauses.",
      "parameter_invalid_string",
      "query",
    );
  }
  return { clauses, joiner: joiners.has("OR") ? "OR" : "AND" };
}

function valueAt(object: unknown, path: string[]): unknown {
  let current = object;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function holds(clause: Clause, object: unknown): boolean {
  const actual = valueAt(object, clause.path);
  let result: boolean;
  if (clause.value === null) {
    result = clause.operator === ":" && (actual === null || actual === undefined);
  } else if (clause.operator === ":") {
    result =
      actual !== null &&
      actual !== undefined &&
      String(actual).toLowerCase() === clause.value.toLowerCase();
  } else if (clause.operator === "~") {
    result =
      typeof actual === "string" && actual.toLowerCase().includes(clause.value.toLowerCase());
  } else {
    const number = Number(clause.value);
    if (typeof actual !== "number" || Number.isNaN(number)) return clause.negated;
    result =
      clause.operator === ">"
        ? actual > number
        : clause.operator === "<"
          ? actual < number
          : clause.operator === ">="
            ? actual >= number
            : actual <= number;
  }
  return clause.negated ? !result : result;
}

const searchFields: Fields = {
  query: { type: "string", required: true },
  limit: { type: "integer", min: 1 },
  page: { type: "string" },
  expand: { type: "any" },
};

/** `GET <path>/search` over one object kind: Stripe's search result, newest first, paged by `page`. */
function searchRoute(services: Services, kind: string, path: string): Route {
  return {
    method: "GET",
    path: `${path}/search`,
    handler: (request) => {
      const params = validateParams(request, searchFields);
      const { clauses, joiner } = parseQuery(str(params, "query") ?? "");
      const limit = int(params, "limit") ?? 10;
      if (limit > 100) {
        throw invalidRequest(
          `This value must be less than or equal to 100 (it currently is '${limit}').`,
          "parameter_invalid_integer",
          "limit",
        );
      }
      const offset = Number(str(params, "page") ?? "0");
      if (!Number.isInteger(offset) || offset < 0) {
        throw invalidRequest("Invalid page token.", "parameter_invalid_string", "page");
      }
      const matching: Entry[] = [];
      for (const entry of services.store.newestFirst(kind)) {
        const object: unknown = JSON.parse(entry.json);
        const found =
          joiner === "AND"
            ? clauses.every((clause) => holds(clause, object))
            : clauses.some((clause) => holds(clause, object));
        if (found) matching.push(entry);
      }
      const page = matching.slice(offset, offset + limit);
      const hasMore = matching.length > offset + limit;
      const data = page.map((entry) => entry.json).join(",");
      return ok(
        `{"object":"search_result","data":[${data}],"has_more":${hasMore},"next_page":${
          hasMore ? JSON.stringify(String(offset + limit)) : "null"
        },"url":${JSON.stringify(`${path}/search`)}}`,
      );
    },
  };
}

/** Search on customers, PaymentIntents and charges; listed before `<path>/:id` so "search" is no ID. */
export function searchRoutes(services: Services): Route[] {
  return [
    searchRoute(services, "customer", "/v1/customers"),
    searchRoute(services, "payment_intent", "/v1/payment_intents"),
    searchRoute(services, "charge", "/v1/charges"),
  ];
}
