import { ACTION_BODY_LIMIT_BYTES } from "@/lib/http/form-size";
import { type HostConfig, isAllowedHost } from "@/lib/http/host-allowlist";

export type RequestFacts = {
  method: string;
  /** The path as received, percent-encoding and all. */
  path: string;
  host: string | null;
  origin: string | null;
  contentLength: string | null;
};

export type Refusal = { status: 400 | 403 | 413; message: string };

/**
 * Why the app refuses a request before any page or Server Action sees it, with a message that
 * says what to do; null when it goes on. Next.js would answer each of these with a bare 500.
 */
export function requestRefusal(request: RequestFacts, hosts: HostConfig): Refusal | null {
  if (!isAllowedHost(request.host, hosts)) {
    return {
      status: 403,
      message:
        "This server does not answer for this host name. If it is this app's public name, set APP_URL to its URL.",
    };
  }
  if (!decodes(request.path)) {
    return { status: 400, message: "This address is malformed. Check the link and try again." };
  }
  if (request.method !== "POST") return null;
  // Pages take POSTs only for Server Actions, which only the app's own pages send.
  if (request.origin !== null && !sameHost(request.origin, request.host)) {
    return {
      status: 403,
      message:
        "This form was sent from another site. Open the page on this site and send it again.",
    };
  }
  if (Number(request.contentLength ?? 0) > ACTION_BODY_LIMIT_BYTES) {
    return {
      status: 413,
      message:
        "This form is too large to send (over 1 MB). Go back, shorten what you entered and try again.",
    };
  }
  return null;
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function sameHost(origin: string, host: string | null): boolean {
  return URL.canParse(origin) && new URL(origin).host === host?.toLowerCase();
}
