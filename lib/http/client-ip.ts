import "server-only";
import { headers } from "next/headers";
import { config } from "@/lib/config";
import { currentSocketAddress } from "@/lib/http/socket-address";

/** The address used when none can be trusted: such requests share one throttling count. */
export const UNKNOWN_CLIENT_IP = "unknown";

export type ClientIpSource = {
  /** The request's X-Forwarded-For header, as received. */
  forwardedFor: string | null;
  /** The address of the TCP peer, when known. */
  socketAddress: string | undefined;
  /** How many proxies of ours stand in front of the app (TRUSTED_PROXY_HOPS). */
  trustedProxyHops: number;
};

/**
 * The address of the client that sent a request.
 *
 * Each proxy appends to X-Forwarded-For the address it received the request from, so the
 * addresses of X-Forwarded-For followed by the socket address form a chain whose right end is
 * the nearest hop. Whatever the client wrote itself is at the left end. With N trusted proxy
 * hops, the N nearest hops (the socket peer first) are our proxies and the client is the next
 * one: with chain = [...X-Forwarded-For, socket address], the client is
 * chain[chain.length - 1 - N].
 *
 * - 0 (the app is reached directly): the socket address; X-Forwarded-For is ignored.
 * - 1 (one proxy, e.g. a load balancer): the last X-Forwarded-For address, which that proxy
 *   wrote; whatever the client put before it is ignored.
 * - N: the N-th X-Forwarded-For address from the right.
 *
 * A chain shorter than N + 1 means the request came through fewer proxies than configured (say,
 * straight to the load balancer behind a CDN, or with no X-Forwarded-For at all): its leftmost
 * address is used, which is then the socket address or one written by a proxy of ours. Proxies
 * that clients can reach without going through the outer ones cannot be trusted, whatever N.
 *
 * When the address that should be used is unknown, the result is UNKNOWN_CLIENT_IP.
 */
export function clientIp({
  forwardedFor,
  socketAddress,
  trustedProxyHops,
}: ClientIpSource): string {
  const forwarded = (forwardedFor ?? "")
    .split(",")
    .map((address) => address.trim())
    .filter((address) => address !== "");
  const chain = [...forwarded, socketAddress];
  const index = Math.max(chain.length - 1 - trustedProxyHops, 0);
  const address = chain[index];
  return address ? withoutIpv4Mapping(address) : UNKNOWN_CLIENT_IP;
}

/** A dual-stack socket reports IPv4 peers as ::ffff:203.0.113.7; proxies write 203.0.113.7. */
function withoutIpv4Mapping(address: string): string {
  return address.replace(/^::ffff:(?=\d{1,3}(\.\d{1,3}){3}$)/i, "");
}

/**
 * The client address of the request being handled, for a server action or a route handler,
 * trusting TRUSTED_PROXY_HOPS proxies. The socket address comes from
 * lib/http/socket-address.ts; instrumentation.ts starts recording it.
 */
export async function requestClientIp(): Promise<string> {
  return clientIp({
    forwardedFor: (await headers()).get("x-forwarded-for"),
    socketAddress: currentSocketAddress(),
    trustedProxyHops: config.trustedProxyHops,
  });
}

/**
 * What the server knows of the client of the request being handled: its address, and the
 * User-Agent and Referer it sent, which Radar reads when the browser made no Radar Session.
 */
export async function requestOrigin(): Promise<{
  clientIp: string;
  userAgent: string | undefined;
  referrer: string | undefined;
}> {
  const sent = await headers();
  return {
    clientIp: await requestClientIp(),
    userAgent: sent.get("user-agent")?.slice(0, 512) || undefined,
    referrer: sent.get("referer")?.slice(0, 2048) || undefined,
  };
}
