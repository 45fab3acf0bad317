export type StripeErrorType =
  | "api_error"
  | "card_error"
  | "idempotency_error"
  | "invalid_request_error"
  | "rate_limit_error";

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  charge?: string;
}

/** An error answered with Stripe's status and `{"error": {...}}` body. */
export class StripeError extends Error {
  readonly status: number;
  readonly body: StripeErrorBody;
  readonly headers: Record<string, string>;

  constructor(status: number, body: StripeErrorBody, headers: Record<string, string> = {}) {
    super(body.message);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }

  toJSON(): { error: Record<string, unknown> } {
    const { code } = this.body;
    return {
      error: {
        ...this.body,
        ...(code
          ? { doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}` }
          : {}),
      },
    };
  }

  /**
   * The v2 error body: `type`, `code` and `message`. stripe-node reads v2 errors by `type`,
   * then by `code` (`invalid_fields` becomes StripeInvalidRequestError), then by HTTP status.
   */
  toV2JSON(): { error: Record<string, unknown> } {
    const { type, code, message } = this.body;
    return { error: { type, ...(code ? { code } : {}), message } };
  }
}

/**
 * Adds `request_log_url` to an `{"error": {...}}` body, as Stripe does on every error: the
 * emulator's own log entry for the request, in the format of Stripe's Dashboard link.
 */
export function withRequestLogUrl(json: string, baseUrl: string, requestId: string): string {
  const body = JSON.parse(json) as { error?: Record<string, unknown> };
  if (!body.error) return json;
  body.error.request_log_url = requestLogUrl(baseUrl, requestId);
  return JSON.stringify(body);
}

export function requestLogUrl(baseUrl: string, requestId: string): string {
  return `${baseUrl}/_emulator/requests/${requestId}?t=${Math.floor(Date.now() / 1000)}`;
}

export function invalidRequest(message: string, code?: string, param?: string): StripeError {
  return new StripeError(400, { type: "invalid_request_error", message, code, param });
}

export function parameterMissing(param: string): StripeError {
  return invalidRequest(`Missing required param: ${param}.`, "parameter_missing", param);
}

export function parameterUnknown(param: string): StripeError {
  return invalidRequest(`Received unknown parameter: ${param}`, "parameter_unknown", param);
}

export function resourceMissing(noun: string, id: string, param?: string): StripeError {
  return invalidRequest(`No such ${noun}: '${id}'`, "resource_missing", param);
}

/** Unknown object named by the URL path: Stripe answers 404. */
export function pathObjectMissing(noun: string, id: string): StripeError {
  return new StripeError(404, {
    type: "invalid_request_error",
    message: `No such ${noun}: '${id}'`,
    code: "resource_missing",
    param: "id",
  });
}

export function unrecognizedUrl(method: string, path: string): StripeError {
  return new StripeError(404, {
    type: "invalid_request_error",
    message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });
}

export function authenticationError(message: string): StripeError {
  return new StripeError(401, { type: "invalid_request_error", message });
}

/** A v2 request body that does not match the operation's fields. */
export function invalidFields(message: string): StripeError {
  return invalidRequest(message, "invalid_fields");
}
