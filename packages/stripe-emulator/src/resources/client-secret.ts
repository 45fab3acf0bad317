import { invalidRequest } from "../http/errors.ts";
import { str, validateParams } from "../http/params.ts";
import { type ApiRequest, ok, type Route } from "../http/route.ts";

type Refusal = { message: string; code: string };

/** What an intent answers a publishable-key caller whose client secret is wrong, or missing. */
export type ClientSecretRefusals = {
  mismatch: Refusal;
  /** Without it, a missing client secret is refused as a wrong one. */
  missing?: Refusal;
};

/** Publishable-key callers (Stripe.js) must prove they hold the intent's client secret. */
export function checkClientSecret(
  request: ApiRequest,
  expected: string,
  given: string | undefined,
  refusals: ClientSecretRefusals,
): void {
  if (request.keyKind !== "publishable") return;
  const refusal = given === undefined && refusals.missing ? refusals.missing : refusals.mismatch;
  if (given !== expected) {
    throw invalidRequest(refusal.message, refusal.code, "client_secret");
  }
}

/** `GET <path>/:id` of an intent, which Stripe.js may read with its client secret. */
export function retrieveIntentRoute(
  path: string,
  load: (id: string) => { client_secret: string },
  refusals: ClientSecretRefusals,
): Route {
  return {
    method: "GET",
    path: `${path}/:id`,
    publishable: true,
    handler: (request) => {
      const params = validateParams(request, {
        client_secret: { type: "string" },
        expand: { type: "any" },
      });
      const intent = load(request.pathParams.id ?? "");
      checkClientSecret(request, intent.client_secret, str(params, "client_secret"), refusals);
      return ok(JSON.stringify(intent));
    },
  };
}
