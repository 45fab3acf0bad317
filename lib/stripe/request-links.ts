/** The objects one Stripe call concerns, so that the inspector can list an evaluation's or order's calls. */
export type RequestLinks = {
  customerId: string | null;
  evaluationId: string | null;
  orderId: string | null;
};

const CUSTOMER_ID = /\bcus_[A-Za-z0-9]+/;
/**
 * Customer Evaluations (`cuseval_`, `caeval_` in Stripe's guide), Account Evaluations
 * (`acctevl_`) and Payment Evaluations.
 */
const EVALUATION_ID = /\b(?:cuseval|caeval|acctevl|peval|payeval)_[A-Za-z0-9]+/;

/** The first string anywhere in `value` that matches, depth first. */
function findString(value: unknown, pattern: RegExp): string | null {
  if (typeof value === "string") return pattern.exec(value)?.[0] ?? null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findString(item, pattern);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) {
      const found = findString(inner, pattern);
      if (found) return found;
    }
  }
  return null;
}

/** The app puts its order ID in the metadata of the Payment Evaluation and the PaymentIntent. */
function orderIdOf(body: unknown): string | null {
  if (!body || typeof body !== "object") return null;
  const metadata = (body as { metadata?: unknown }).metadata;
  if (!metadata || typeof metadata !== "object") return null;
  const orderId = (metadata as { order_id?: unknown }).order_id;
  return typeof orderId === "string" && orderId ? orderId : null;
}

/** An evaluation's own ID, or the one an Account Activity reports on. */
function evaluationIdOf(path: string, request: unknown, response: unknown): string | null {
  const fromPath = EVALUATION_ID.exec(path)?.[0];
  if (fromPath) return fromPath;
  for (const field of ["id", "account_evaluation"] as const) {
    for (const body of [response, request]) {
      const value =
        body && typeof body === "object" ? (body as Record<string, unknown>)[field] : null;
      if (typeof value === "string" && EVALUATION_ID.test(value)) return value;
    }
  }
  return null;
}

/** Reads the links from the call's path, then its request, then its response. */
export function requestLinks(path: string, request: unknown, response: unknown): RequestLinks {
  return {
    customerId:
      CUSTOMER_ID.exec(path)?.[0] ??
      findString(request, CUSTOMER_ID) ??
      findString(response, CUSTOMER_ID),
    evaluationId: evaluationIdOf(path, request, response),
    orderId: orderIdOf(request) ?? orderIdOf(response),
  };
}
