import { isIP } from "node:net";

export type HostConfig = {
  /** The public URL browsers use (APP_URL), when it is known. */
  appUrl: string | undefined;
  /** The address the server listens on (APP_HOST), when set. */
  appHost: string | undefined;
};

/** The host name of a Host header (`name:port`, `[v6]:port`), lower-cased; null when malformed. */
function hostName(host: string): string | null {
  if (!URL.canParse(`http://${host}`)) return null;
  const { hostname } = new URL(`http://${host}`);
  return hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

/**
 * Whether a request's Host names this app. DNS rebinding makes a page's own name (a domain the
 * attacker controls) resolve to this server, so that the browser treats the app as that page's
 * origin: a request for a name other than the app's is refused. An IP address cannot be
 * rebound, so the server stays reachable by any of its addresses; `localhost`, the name in
 * APP_URL and a name in APP_HOST are its names. The port is not compared: a rebound name is
 * refused whatever the port.
 */
export function isAllowedHost(host: string | null, { appUrl, appHost }: HostConfig): boolean {
  const name = host === null ? null : hostName(host);
  if (name === null) return false;
  if (isIP(name) !== 0 || name === "localhost") return true;
  const names = [appUrl && new URL(appUrl).hostname.toLowerCase(), appHost?.toLowerCase()];
  return names.includes(name);
}
