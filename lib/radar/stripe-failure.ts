import Stripe from "stripe";

export type StripeFailure =
  /** An outage: the caller fails open, keeping the reason. */
  | { kind: "unavailable"; message: string }
  /** Stripe refused what was sent: a bug or bad input, never an allow. */
  | { kind: "refused"; message: string; param: string | null }
  | { kind: "invalid_radar_session"; message: string };

/**
 * Sorts an error from a Stripe call. Only what an attacker cannot cause is an outage: no answer
 * (time-out, network error), 5xx, 429, or a preview the account does not have. Any other 4xx is
 * about what the app sent; a Radar Session Stripe does not know (forged, or from another
 * account) is answered as a missing one.
 */
export function classifyStripeFailure(error: unknown): StripeFailure {
  if (!(error instanceof Stripe.errors.StripeError)) {
    return {
      kind: "unavailable",
      message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
  // No answer: a time-out or a network error.
  if (error.statusCode === undefined) {
    return { kind: "unavailable", message: `${error.type}: ${error.message}` };
  }
  const status = error.statusCode;
  const message = `${error.type} (HTTP ${status}): ${error.message}`;
  const param = error.param ?? null;
  if (error.code === "resource_missing" && param?.includes("radar_session")) {
    return { kind: "invalid_radar_session", message: error.message };
  }
  if (status >= 500 || status === 429 || previewNotEnabled(error)) {
    return { kind: "unavailable", message };
  }
  return { kind: "refused", message, param };
}

/** An account evaluation that threw, in the words the flows read: outage, refusal or unknown session. */
export function failedEvaluation(
  error: unknown,
):
  | { kind: "unavailable" | "invalid_radar_session"; reason: string }
  | { kind: "refused"; reason: string; param: string | null } {
  const failure = classifyStripeFailure(error);
  return failure.kind === "refused"
    ? { kind: "refused", reason: failure.message, param: failure.param }
    : { kind: failure.kind, reason: failure.message };
}

/**
 * An account without the preview: Stripe answers a path the account cannot use as one it does not
 * have, a 404 without a code: "Unrecognized request URL (POST: /v1/...)" on v1, "The API method
 * cannot be found." on v2 (stripe/stripe-node issue 2364, a v2 preview not enabled). A 404 that
 * names a missing object has the code `resource_missing` and is not this.
 */
function previewNotEnabled(error: InstanceType<typeof Stripe.errors.StripeError>): boolean {
  return (
    error.statusCode === 404 &&
    !error.code &&
    /unrecognized request url|api method cannot be found/i.test(error.message)
  );
}

/**
 * The form field a Stripe `param` names (`phone`, or
 * `evaluation_context[0][customer_details][customer_data][phone]`), when it is one of `fields`.
 */
export function fieldOfParam<F extends string>(
  param: string | null,
  fields: readonly F[],
): F | undefined {
  const last = param?.match(/(?:^|\[)([a-z_]+)\]?$/)?.[1];
  return fields.find((field) => field === last);
}
