export interface LoggedRequest {
  id: string;
  method: string;
  path: string;
  query: string;
  /** The raw form body, card data masked; decoded only when the log is read. */
  body: Buffer | undefined;
  /** The `Stripe-Version` header the caller sent, if any. */
  api_version: string | undefined;
  status: number;
  response: string;
  duration_ms: number;
  time: number;
}

const MAX_TEXT = 16_384;

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** A key naming a card number or CVC: `card[number]`, `payment_method_data[card][cvc]`... */
const CARD_KEY = /(?:^|\[)(number|cvc)\]?$/;
/** Bodies that cannot name one skip the per-pair decoding (the common, hot case). */
const MAY_NAME_CARD_DATA = /number|cvc|%(?:4[1-9a-f]|5[0-9a]|6[1-9a-f]|7[0-9a])/i;

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    return text;
  }
}

/**
 * A form body or query string with card numbers cut to their last four digits
 * (`************4242`) and CVCs replaced by `***`, so the log never shows full card data.
 */
export function maskCardData(form: string): string {
  if (!MAY_NAME_CARD_DATA.test(form)) return form;
  return form
    .split("&")
    .map((pair) => {
      const equals = pair.indexOf("=");
      if (equals === -1) return pair;
      const field = CARD_KEY.exec(decode(pair.slice(0, equals)))?.[1];
      if (!field) return pair;
      const key = pair.slice(0, equals);
      if (field === "cvc") return `${key}=***`;
      const digits = decode(pair.slice(equals + 1)).replace(/\D/g, "");
      return `${key}=${"*".repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
    })
    .join("&");
}

/** A space, plus, dash or dot between digits, or a space, plus or dash percent-encoded (once or more). */
const ENCODED_SEPARATOR = /(%(?:25)*(?:20|2[bBdD]))/;
/**
 * A run of 13 to 19 digits, alone or grouped, not part of a longer run nor the hex digits of a
 * percent escape.
 */
const DIGIT_RUN = /(?<![\d%])\d(?:(?:[ +.-]|%(?:25)*(?:20|2[bBdD]))?\d){12,18}(?!\d)/g;

/** Luhn's check digit, which every card number has. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The run with every digit but the last four starred, its separators kept. */
function starRun(run: string): string {
  const parts = run.split(ENCODED_SEPARATOR);
  let kept = 0;
  for (let p = parts.length - 1; p >= 0; p -= 1) {
    const part = parts[p] ?? "";
    if (ENCODED_SEPARATOR.test(part)) continue;
    let out = "";
    for (let c = part.length - 1; c >= 0; c -= 1) {
      const char = part[c] ?? "";
      if (char >= "0" && char <= "9") out = (kept++ < 4 ? char : "*") + out;
      else out = char + out;
    }
    parts[p] = out;
  }
  return parts.join("");
}

const runDigits = (run: string) => run.replace(/%(?:25)*(?:20|2[bBdD])/g, "").replace(/\D/g, "");
const isCardNumber = (run: string) => {
  const digits = runDigits(run);
  return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits);
};

/**
 * Any card number, wherever it is (a name, a metadata value, a JSON body, an error message),
 * cut to its last four digits: a run of 13 to 19 digits that passes Luhn's check, whether
 * grouped by spaces, dashes or dots, raw or percent-encoded.
 */
function maskCardNumbers(text: string): string {
  return text.replace(DIGIT_RUN, (run) => (isCardNumber(run) ? starRun(run) : run));
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/%(?![0-9a-f]{2})/gi, "%25").replaceAll("+", " "));
  } catch {
    return text;
  }
}

/** Whether a card number still shows once the text is decoded (its digits percent-encoded). */
function holdsEncodedCardNumber(text: string): boolean {
  let decoded = text;
  for (let round = 0; round < 3 && decoded.includes("%"); round++) {
    decoded = percentDecode(decoded);
    for (const [run] of decoded.matchAll(DIGIT_RUN)) if (isCardNumber(run)) return true;
  }
  return false;
}

const WITHHELD = "[withheld: it held a card number the log cannot mask in place]";

/** A body, query or response as the log keeps it: no card number, CVC or full PAN left. */
function maskForLog(text: string): string {
  const masked = maskCardNumbers(maskCardData(text));
  return holdsEncodedCardNumber(masked) ? WITHHELD : masked;
}

/** The most recent requests, in a fixed-size ring so memory stays bounded under load. */
export class RequestLog {
  private readonly ring: Array<LoggedRequest | undefined>;
  private next = 0;

  constructor(private readonly capacity = 500) {
    this.ring = new Array(capacity);
  }

  add(entry: LoggedRequest): void {
    // Keep at most MAX_TEXT bytes of a body, copied so the rest of a large body can be freed.
    if (entry.body && entry.body.length > MAX_TEXT) {
      entry.body = Buffer.from(entry.body.subarray(0, MAX_TEXT));
    }
    if (entry.body) {
      const text = entry.body.toString("latin1");
      const masked = maskForLog(text);
      if (masked !== text) entry.body = Buffer.from(masked, "latin1");
    }
    entry.query = maskForLog(entry.query);
    entry.response = maskForLog(clip(entry.response));
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Newest first, optionally only paths starting with `pathPrefix`. */
  recent(limit: number, pathPrefix?: string): LoggedRequest[] {
    const out: LoggedRequest[] = [];
    for (let i = 1; i <= this.capacity && out.length < limit; i++) {
      const entry = this.ring[(this.next - i + this.capacity) % this.capacity];
      if (!entry) break;
      if (pathPrefix && !entry.path.startsWith(pathPrefix)) continue;
      out.push(entry);
    }
    return out;
  }

  /** The logged request with this ID (`req_...`), while it is still in the ring. */
  find(id: string): LoggedRequest | undefined {
    return this.ring.find((entry) => entry?.id === id);
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
  }
}
