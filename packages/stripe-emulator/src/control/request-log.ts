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
      const masked = maskCardData(text);
      if (masked !== text) entry.body = Buffer.from(masked, "latin1");
    }
    entry.query = maskCardData(entry.query);
    entry.response = clip(entry.response);
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
