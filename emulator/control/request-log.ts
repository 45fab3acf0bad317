export interface LoggedRequest {
  id: string;
  method: string;
  path: string;
  query: string;
  /** The raw form body; decoded only when the log is read. */
  body: Buffer | undefined;
  status: number;
  response: string;
  duration_ms: number;
  time: number;
}

const MAX_TEXT = 16_384;

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
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

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
  }
}
