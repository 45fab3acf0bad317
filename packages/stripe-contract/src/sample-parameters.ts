import { type JsonSchema, requestDefinition } from "./generate-schemas.ts";
import type { Operation } from "./operations.ts";
import { readSchemas } from "./schema-files.ts";

type Value = string | number | boolean | Value[] | { [key: string]: Value };

const definitions = readSchemas("ga").definitions;

function resolve(schema: JsonSchema): JsonSchema {
  let current = schema;
  while (typeof current.$ref === "string") {
    current = definitions[decodeURIComponent(current.$ref.replace("#/definitions/", ""))] ?? {};
  }
  return current;
}

/** The simplest value a schema allows that is not `null` or `''` (which unset a parameter). */
function sample(schema: JsonSchema, depth: number): Value | undefined {
  const resolved = resolve(schema);
  if (resolved.const !== undefined && resolved.const !== null && resolved.const !== "") {
    return resolved.const as Value;
  }
  if (Array.isArray(resolved.enum)) {
    return (resolved.enum as unknown[]).find((value) => value !== null && value !== "") as Value;
  }
  if (Array.isArray(resolved.anyOf)) {
    const branches = resolved.anyOf as JsonSchema[];
    // An enum's named values come after OtherString's plain string: prefer them.
    const ordered = [...branches].sort(
      (a, b) => Number("$ref" in b || "enum" in b) - Number("$ref" in a || "enum" in a),
    );
    for (const branch of ordered) {
      const value = sample(branch, depth);
      if (value !== undefined) return value;
    }
    return undefined;
  }
  const types = Array.isArray(resolved.type) ? (resolved.type as string[]) : [resolved.type];
  if (types.includes("object") && depth < 4) {
    const properties = (resolved.properties ?? {}) as Record<string, JsonSchema>;
    const required = (resolved.required ?? []) as string[];
    const out: Record<string, Value> = {};
    for (const key of required) {
      const value = properties[key] && sample(properties[key], depth + 1);
      if (value !== undefined) out[key] = value;
    }
    if (required.length === 0 && typeof resolved.additionalProperties === "object")
      out.key = "value";
    return out;
  }
  if (types.includes("array") && depth < 4) {
    const item = sample((resolved.items ?? {}) as JsonSchema, depth + 1);
    return item === undefined ? [] : [item];
  }
  if (types.includes("string")) return "x";
  if (types.includes("number") || types.includes("integer")) return 1;
  if (types.includes("boolean")) return true;
  return undefined;
}

/** Each top-level parameter Stripe's types define on the operation, with a value they allow. */
export function sampleParameters(operation: Operation): [name: string, value: Value][] {
  const schema = resolve(definitions[requestDefinition(operation.id)] ?? {});
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).flatMap(([name, property]) => {
    const value = sample(property, 1);
    return value === undefined ? [] : [[name, value] as [string, Value]];
  });
}
