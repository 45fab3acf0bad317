import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { requestDefinition, responseDefinition } from "./generate-schemas.ts";
import { EMULATED_EVENT_TYPES, OPERATIONS, type Operation, type Sdk } from "./operations.ts";
import { readSchemas } from "./schema-files.ts";

const SDKS: Sdk[] = ["ga", "v2-preview", "private-preview"];

/** How a request body reached us: typed JSON (v2, the SDK's own params) or form text decoded to strings. */
export type BodyEncoding = "json" | "form";

export interface Violation {
  operation: string;
  /** `request` or `response`. */
  part: "request" | "response";
  problems: string[];
}

function ajvFor(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes, validateFormats: false });
  for (const sdk of SDKS) ajv.addSchema(readSchemas(sdk), sdk);
  return ajv;
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  if (!errors) return [];
  // A union reports once for itself ("must match a schema in anyOf") beside its branches' errors.
  const lines = errors
    .filter((error) => error.keyword !== "anyOf")
    .map((error) => {
      const path = error.instancePath || "/";
      if (error.keyword === "additionalProperties") {
        return `${path}: unknown field '${(error.params as { additionalProperty: string }).additionalProperty}'`;
      }
      if (error.keyword === "required") {
        return `${path}: missing field '${(error.params as { missingProperty: string }).missingProperty}'`;
      }
      return `${path}: ${error.message ?? error.keyword}`;
    });
  return [...new Set(lines)];
}

function segments(path: string): string[] {
  return path.split("/").filter(Boolean);
}

/** Literal segments beat `{id}`: `/v1/customers/search` is a search, not a customer named search. */
function matches(operation: Operation, method: string, path: string): number {
  if (operation.method !== method) return -1;
  const pattern = segments(operation.path);
  const actual = segments(path);
  if (pattern.length !== actual.length) return -1;
  let literal = 0;
  for (const [index, segment] of pattern.entries()) {
    if (segment === "{id}") continue;
    if (segment !== actual[index]) return -1;
    literal++;
  }
  return literal;
}

/**
 * Validates Stripe requests and responses against the JSON Schemas generated from Stripe's
 * own types: requests strictly (an unknown parameter fails), responses with every field the
 * types declare required.
 */
export class ContractValidator {
  private readonly typed = ajvFor(false);
  private readonly form = ajvFor(true);
  private readonly compiled = new Map<string, ValidateFunction>();

  /** The operation a call is, by method, path and (for versioned shapes) `Stripe-Version`. */
  operationFor(method: string, path: string, apiVersion?: string): Operation | undefined {
    let best: { operation: Operation; score: number } | undefined;
    for (const operation of OPERATIONS) {
      if (operation.before !== undefined && !(apiVersion && apiVersion < operation.before))
        continue;
      const literal = matches(operation, method, path);
      if (literal < 0) continue;
      // A shape pinned to the caller's version beats the unversioned one.
      const score = literal * 2 + (operation.before ? 1 : 0);
      if (!best || score > best.score) best = { operation, score };
    }
    return best?.operation;
  }

  private validator(ajv: Ajv, operation: Operation, definition: string): ValidateFunction {
    const key = `${ajv === this.form ? "form" : "json"} ${definition}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = ajv.compile({ $ref: `${operation.sdk}#/definitions/${definition}` });
      this.compiled.set(key, validate);
    }
    return validate;
  }

  /**
   * Problems with a request's parameters; none when it is valid. Form bodies hold only strings
   * (`amount=2000`), so they are read as Stripe reads them: numbers and booleans from their text.
   */
  validateRequest(operation: Operation, body: unknown, encoding: BodyEncoding): string[] {
    const ajv = encoding === "form" ? this.form : this.typed;
    const data = structuredClone(body ?? {});
    const validate = this.validator(ajv, operation, requestDefinition(operation.id));
    return validate(data) ? [] : describe(validate.errors);
  }

  /** Problems with a response body; none when it is what Stripe's types say it is. */
  validateResponse(operation: Operation, body: unknown): string[] {
    if (operation.response === "EmulatedEvent") return this.validateEvents(operation, body);
    const validate = this.validator(this.typed, operation, responseDefinition(operation.id));
    return validate(body) ? [] : describe(validate.errors);
  }

  /**
   * An event is checked against the declared type of its own `type` (`CustomerCreatedEvent` for
   * `customer.created`): against the union of them all, every other member would report too.
   */
  private validateEvents(operation: Operation, body: unknown): string[] {
    const list = operation.wrap === "list";
    const events = list ? ((body as { data?: unknown[] }).data ?? []) : [body];
    return events.flatMap((event, index) => {
      const type = String((event as { type?: unknown }).type);
      const prefix = list ? `/data/${index}` : "";
      const definition = this.eventDefinitions().get(type);
      if (!definition)
        return [`${prefix}/type: '${type}' is not an event type the emulator is checked for`];
      const validate = this.validator(this.typed, operation, definition);
      return validate(event) ? [] : describe(validate.errors).map((line) => `${prefix}${line}`);
    });
  }

  private events: Map<string, string> | undefined;

  /** `customer.created` → the definition of `CustomerCreatedEvent`. */
  private eventDefinitions(): Map<string, string> {
    if (!this.events) {
      const { definitions } = readSchemas("ga");
      this.events = new Map();
      for (const name of EMULATED_EVENT_TYPES) {
        const definition = `Events.${name}`;
        const type = (definitions[definition]?.properties as { type?: { const?: string } })?.type
          ?.const;
        if (type) this.events.set(type, definition);
      }
    }
    return this.events;
  }
}
