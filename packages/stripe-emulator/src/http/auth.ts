import { authenticationError, StripeError } from "./errors.ts";

export type KeyKind = "secret" | "publishable";

const TEST_SECRET = /^(sk|rk)_test_[A-Za-z0-9_]+$/;
const TEST_PUBLISHABLE = /^pk_test_[A-Za-z0-9_]+$/;
const LIVE = /^(sk|rk|pk)_live_/;

function redact(key: string): string {
  return key.length > 12 ? `${key.slice(0, 8)}${"*".repeat(key.length - 12)}${key.slice(-4)}` : key;
}

function keyFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return undefined;
  if (scheme.toLowerCase() === "bearer") return value;
  if (scheme.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    return decoded.split(":", 1)[0];
  }
  return undefined;
}

// Every request carries the same few Authorization headers: their verdicts are remembered.
const validHeaders = new Map<string, KeyKind>();

function remember(header: string | undefined, kind: KeyKind): KeyKind {
  if (header !== undefined && validHeaders.size < 1000) validHeaders.set(header, kind);
  return kind;
}

/**
 * Reads the API key from `Authorization` (Bearer, or Basic with the key as user name) and
 * checks it may call an endpoint; publishable keys only where Stripe accepts them.
 *
 * A secret key is for servers. The emulator accepts any test key and runs on the presenter's
 * machine, so a page of any origin could otherwise read every customer and repoint the webhook
 * endpoint: a request a browser sent (it carries `Origin`) is refused on secret-key endpoints.
 */
export function authenticate(
  header: string | undefined,
  allowPublishable: boolean,
  origin: string | undefined,
): KeyKind {
  const kind = keyKind(header, allowPublishable);
  if (kind === "secret" && origin !== undefined) {
    throw new StripeError(403, {
      type: "invalid_request_error",
      message:
        "The Stripe emulator answers secret-key requests from servers only, not from web pages (this request carries an Origin header). Call this endpoint from your server.",
    });
  }
  return kind;
}

function keyKind(header: string | undefined, allowPublishable: boolean): KeyKind {
  const known = header === undefined ? undefined : validHeaders.get(header);
  if (known === "secret" || (known === "publishable" && allowPublishable)) return known;
  const key = keyFromHeader(header);
  if (!key) {
    throw authenticationError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  if (LIVE.test(key)) {
    throw authenticationError(
      `Invalid API Key provided: ${redact(key)}. The Stripe emulator runs in test mode only: use a test key (sk_test_..., rk_test_... or pk_test_...).`,
    );
  }
  if (TEST_SECRET.test(key)) return remember(header, "secret");
  if (TEST_PUBLISHABLE.test(key)) {
    if (allowPublishable) return remember(header, "publishable");
    throw authenticationError(
      "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.",
    );
  }
  throw authenticationError(`Invalid API Key provided: ${redact(key)}`);
}
