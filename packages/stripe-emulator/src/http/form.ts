import { invalidRequest, type StripeError } from "./errors.ts";

/** A decoded form value: Stripe's bracket syntax nests objects and indexed arrays. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

export const MAX_DEPTH = 8;
export const MAX_PARAMETERS = 1000;
export const MAX_ARRAY_INDEX = 100;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decode(text: string): string {
  if (!text.includes("%") && !text.includes("+")) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    throw invalidRequest(
      `Invalid request: malformed percent-encoding in '${text.slice(0, 80)}'.`,
      "parameter_invalid_string",
    );
  }
}

function limitError(): StripeError {
  return invalidRequest(
    `Invalid request: parameters are limited to ${MAX_PARAMETERS} keys, nesting depth ${MAX_DEPTH} and array index ${MAX_ARRAY_INDEX}.`,
  );
}

// Parameter names repeat across requests (`evaluation_context%5B0%5D%5Btype%5D`...): their
// decoded segments are cached, bounded.
const segmentCache = new Map<string, string[]>();
const SEGMENT_CACHE_SIZE = 2000;

function cachedSegments(rawKey: string): string[] {
  let segments = segmentCache.get(rawKey);
  if (!segments) {
    segments = segmentsOf(decode(rawKey));
    if (segmentCache.size >= SEGMENT_CACHE_SIZE) segmentCache.clear();
    segmentCache.set(rawKey, segments);
  }
  return segments;
}

/** `a[b][0][]` → ["a", "b", "0", ""]. */
function segmentsOf(key: string): string[] {
  // Objects are plain (fast) objects, so the one name that would reach their prototype is refused.
  if (key === "__proto__" || key.startsWith("__proto__[")) {
    throw invalidRequest(`Invalid parameter name: '${key.slice(0, 80)}'.`);
  }
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const segments = [key.slice(0, open)];
  let at = open;
  while (at < key.length) {
    if (key[at] !== "[") throw invalidRequest(`Invalid parameter name: '${key.slice(0, 80)}'.`);
    const close = key.indexOf("]", at);
    if (close === -1) throw invalidRequest(`Invalid parameter name: '${key.slice(0, 80)}'.`);
    const segment = key.slice(at + 1, close);
    if (segment === "__proto__")
      throw invalidRequest(`Invalid parameter name: '${key.slice(0, 80)}'.`);
    segments.push(segment);
    if (segments.length - 1 > MAX_DEPTH) throw limitError();
    at = close + 1;
  }
  return segments;
}

type Container = FormValue[] | { [key: string]: FormValue };

const isIndex = (segment: string): boolean => segment === "" || /^\d{1,9}$/.test(segment);

function newContainer(nextSegment: string): Container {
  return isIndex(nextSegment) ? [] : {};
}

/** Arrays meeting a named key become objects keyed by index, as qs does. */
function asObject(array: FormValue[]): { [key: string]: FormValue } {
  const object: { [key: string]: FormValue } = {};
  array.forEach((value, index) => {
    if (value !== undefined) object[index] = value;
  });
  return object;
}

function slot(container: Container, segment: string): number | string {
  if (!Array.isArray(container)) return segment;
  if (segment === "") return container.length;
  const index = Number(segment);
  if (index > MAX_ARRAY_INDEX) throw limitError();
  return index;
}

function read(container: Container, key: number | string): FormValue | undefined {
  if (Array.isArray(container)) return container[key as number];
  return Object.hasOwn(container, key) ? container[key as string] : undefined;
}

function write(container: Container, key: number | string, value: FormValue): void {
  if (Array.isArray(container)) container[key as number] = value;
  else container[key as string] = value;
}

/** Returns whether an array index skipped ahead (leaving a hole to compact away). */
function insert(root: FormObject, segments: string[], value: string, fullKey: string): boolean {
  let container: Container = root;
  let parent: Container | null = null;
  let parentKey: number | string = "";
  let sawHole = false;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? "";
    if (Array.isArray(container) && !isIndex(segment)) {
      const converted = asObject(container);
      if (parent) write(parent, parentKey, converted);
      container = converted;
    }
    const key = slot(container, segment);
    const hole = Array.isArray(container) && (key as number) > container.length;
    const existing = read(container, key);
    if (i === segments.length - 1) {
      if (existing === undefined) write(container, key, value);
      else if (typeof existing === "string") write(container, key, [existing, value]);
      else if (Array.isArray(existing) && existing.every((item) => typeof item === "string")) {
        existing.push(value);
      } else {
        throw invalidRequest(
          `Invalid parameter: '${fullKey.slice(0, 80)}' is given twice with different types.`,
        );
      }
      return sawHole || hole;
    }
    let child = existing;
    if (child === undefined) {
      child = newContainer(segments[i + 1] ?? "");
      write(container, key, child);
    } else if (typeof child === "string") {
      throw invalidRequest(
        `Invalid parameter: '${fullKey.slice(0, 80)}' is given twice with different types.`,
      );
    }
    if (hole) sawHole = true;
    parent = container;
    parentKey = key;
    container = child;
  }
  return sawHole;
}

/** Drops the holes sparse indices leave (`a[3]=x` alone is `["x"]`, as qs reads it). */
function compact(value: FormValue): FormValue {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const out: FormValue[] = [];
    for (const item of value) if (item !== undefined) out.push(compact(item));
    return out;
  }
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item !== undefined) value[key] = compact(item);
  }
  return value;
}

/**
 * Parses an `application/x-www-form-urlencoded` body or query string the way Stripe reads it:
 * bracketed nesting, indexed (`a[0]`) and appended (`a[]`) arrays. Anything it cannot read
 * faithfully (bad UTF-8, malformed percent-encoding, too deep, too many parameters, a huge
 * array index) is a Stripe-shaped 400 rather than a silently mangled value.
 */
export function parseForm(raw: Buffer | string): FormObject {
  let text: string;
  if (typeof raw === "string") {
    text = raw;
  } else {
    try {
      text = utf8.decode(raw);
    } catch {
      throw invalidRequest(
        "Invalid request body: it is not valid UTF-8.",
        "parameter_invalid_string",
      );
    }
  }
  const root: FormObject = {};
  if (text.length === 0) return root;
  const pieces = text.split("&");
  if (pieces.length > MAX_PARAMETERS) throw limitError();
  let holes = false;
  for (const piece of pieces) {
    if (!piece) continue;
    const equals = piece.indexOf("=");
    const rawKey = equals === -1 ? piece : piece.slice(0, equals);
    if (!rawKey) continue;
    const value = equals === -1 ? "" : decode(piece.slice(equals + 1));
    holes = insert(root, cachedSegments(rawKey), value, rawKey) || holes;
  }
  return holes ? (compact(root) as FormObject) : root;
}
