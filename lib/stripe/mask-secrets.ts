/**
 * Masks what must never be stored or shown from a Stripe request or response body: card
 * numbers, CVCs, client secrets, API keys and webhook secrets. It works on any value: objects
 * and arrays (by key and by value), JSON text and URL-encoded form text inside strings, and
 * plain strings that merely contain a secret.
 */

export const MASK = "[masked]";

/** Keys whose value is a secret or card data whatever it looks like. */
const SECRET_KEYS = new Set([
  "number",
  "card_number",
  "cvc",
  "cvv",
  "cvc_check_value",
  "client_secret",
  "secret",
  "api_key",
  "secret_key",
  "webhook_secret",
  "password",
]);

/** `sk_`/`rk_` API keys, `whsec_` webhook secrets and `<object>_..._secret_...` client secrets. */
const SECRET_PATTERN =
  /\b(?:(?:sk|rk)_(?:test|live)_|whsec_)[A-Za-z0-9_]+|\b[a-z]+_[A-Za-z0-9]+_secret_[A-Za-z0-9_]+/g;

/** 13 to 19 digits, possibly grouped by spaces or dashes, as card numbers are typed. */
const CARD_CANDIDATE = /\d(?:[ -]?\d){12,18}/g;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function isCardNumber(text: string): boolean {
  const digits = text.replace(/[ -]/g, "");
  return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits);
}

/** The key's own name: `card[number]` and `payment_method_data[card][cvc]` end in it. */
function keyName(key: string): string {
  const bracketed = /\[([^\]]*)\]$/.exec(key);
  return (bracketed?.[1] ?? key).toLowerCase();
}

function isSecretKey(key: string): boolean {
  const name = keyName(key);
  return SECRET_KEYS.has(name) || name.endsWith("_secret");
}

function maskPlainText(text: string): string {
  return text
    .replace(SECRET_PATTERN, (secret) => {
      const prefix = /^((?:sk|rk)_(?:test|live)_|whsec_|[a-z]+_[A-Za-z0-9]+_secret_)/.exec(secret);
      return `${prefix?.[1] ?? ""}${MASK}`;
    })
    .replace(CARD_CANDIDATE, (candidate) => (isCardNumber(candidate) ? MASK : candidate));
}

function looksLikeForm(text: string): boolean {
  return /^[\w[\]%.-]+=[^\s&]*(?:&[\w[\]%.-]+=[^\s&]*)*$/.test(text);
}

/** A string with none of these characters holds no card number, secret, JSON or form. */
const MAYBE_SECRET = /[\d_%={[]/;

function maskString(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.stringify(maskValue(JSON.parse(trimmed)));
    } catch {
      // Not JSON after all: masked as text below.
    }
  }
  if (trimmed.includes("=") && looksLikeForm(trimmed)) {
    const form = new URLSearchParams(trimmed);
    const masked = new URLSearchParams();
    for (const [key, value] of form) {
      masked.append(key, isSecretKey(key) ? MASK : maskString(value));
    }
    return masked.toString();
  }
  const masked = maskPlainText(text);
  // A secret may hide behind percent-encoding ("4242%204242..."): then the decoded text is kept.
  if (!/[%+]/.test(text)) return masked;
  const decoded = percentDecoded(text);
  if (decoded !== text && maskPlainText(decoded) !== decoded) return maskPlainText(decoded);
  return masked;
}

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

function maskNumber(value: number): number | string {
  return Number.isInteger(value) && isCardNumber(String(Math.abs(value))) ? MASK : value;
}

/** A copy of `value` with every secret and card datum replaced by `[masked]`. */
export function maskValue(value: unknown): unknown {
  if (typeof value === "string") return maskString(value);
  if (typeof value === "number") return maskNumber(value);
  if (Array.isArray(value)) return value.map(maskValue);
  if (value && typeof value === "object") {
    const masked: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      masked[maskString(key)] =
        isSecretKey(key) && inner !== null && typeof inner !== "object" ? MASK : maskValue(inner);
    }
    return masked;
  }
  return value;
}
