import { invalidRequest } from "./errors.ts";
import type { FormValue } from "./form.ts";
import { validateFields } from "./params.ts";

/** Stripe expands at most four levels (`data.invoice.subscription.default_source`). */
const MAX_DEPTH = 4;

type ApiObject = Record<string, unknown>;

/** What `expand[]` may replace, and how the object behind an ID is found. */
export interface Expansions {
  /** Expandable fields by object type; a nested field is a dotted path. */
  fields: Readonly<Record<string, readonly string[]>>;
  /** The object an ID names, or undefined when it is not known. */
  lookup(id: string): ApiObject | undefined;
}

/**
 * The `expand` parameter as paths, checked before the request runs (so a refused expansion
 * changes nothing): an array of strings, at most four levels deep, each level `data` or a field
 * some object lets expand. Whether the response's own object lets it is known only afterwards.
 */
export function expandPaths(expand: FormValue, expansions: Expansions): string[][] {
  const { expand: paths } = validateFields(
    { expand },
    { expand: { type: "array", items: { type: "string" } } },
  );
  const known = new Set(["data"]);
  for (const fields of Object.values(expansions.fields)) {
    for (const field of fields) for (const part of field.split(".")) known.add(part);
  }
  return (paths as string[]).map((path) => {
    const segments = path.split(".");
    if (segments.length > MAX_DEPTH) {
      throw invalidRequest(
        "You cannot expand more than 4 levels of a property.",
        undefined,
        "expand",
      );
    }
    const unknown = segments.findIndex((segment) => !known.has(segment));
    if (unknown !== -1) cannotExpand(segments.slice(0, unknown + 1));
    return segments;
  });
}

function cannotExpand(segments: string[]): never {
  throw invalidRequest(`This property cannot be expanded (${segments.join(".")}).`);
}

function isObject(value: unknown): value is ApiObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The registered field that `segments` starts with, as its segments. */
function expandableField(
  expansions: Expansions,
  object: ApiObject,
  segments: string[],
): string[] | undefined {
  const fields = expansions.fields[String(object.object)] ?? [];
  for (const field of fields) {
    const parts = field.split(".");
    if (parts.every((part, index) => segments[index] === part)) return parts;
  }
  return undefined;
}

function expandIn(
  expansions: Expansions,
  object: ApiObject,
  segments: string[],
  done: string[],
): void {
  if (object.object === "list") {
    if (segments[0] !== "data" || !Array.isArray(object.data))
      cannotExpand([...done, segments[0] ?? ""]);
    for (const item of object.data) {
      if (isObject(item)) expandIn(expansions, item, segments.slice(1), [...done, "data"]);
    }
    return;
  }
  const field = expandableField(expansions, object, segments);
  if (!field) cannotExpand([...done, ...segments.slice(0, 1)]);
  let parent: ApiObject = object;
  for (const part of field.slice(0, -1)) {
    const next = parent[part];
    if (!isObject(next)) return;
    parent = next;
  }
  const name = field[field.length - 1] as string;
  const value = parent[name];
  const expanded = typeof value === "string" ? (expansions.lookup(value) ?? value) : value;
  parent[name] = expanded;
  const rest = segments.slice(field.length);
  if (rest.length > 0 && isObject(expanded)) {
    expandIn(expansions, expanded, rest, [...done, ...field]);
  }
}

/**
 * Replaces the IDs named by `expand[]` in a response with the objects they name, as Stripe
 * does: `customer`, nested paths (`latest_charge.customer`) and `data.*` on lists. A field that
 * names no object is refused with Stripe's error.
 */
export function expandJson(json: string, paths: string[][], expansions: Expansions): string {
  if (paths.length === 0) return json;
  const response = JSON.parse(json) as ApiObject;
  for (const segments of paths) expandIn(expansions, response, segments, []);
  return JSON.stringify(response);
}
