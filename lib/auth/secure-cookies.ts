import { forwardedProtocol } from "@/lib/http/security-headers";

/**
 * Whether cookies must carry `Secure`, so that browsers send them over HTTPS only: when the
 * app's public URL (APP_URL) is https, always in production (which must be served over HTTPS;
 * whether one request came through a proxy that says so is not left to decide it), and whenever
 * a proxy says (X-Forwarded-Proto) that the request came over HTTPS. Browsers keep Secure
 * cookies from http://localhost and http://127.0.0.1 too, so a production build still works
 * locally.
 */
export function secureCookies({
  appUrl,
  production,
  forwardedProto,
}: {
  appUrl: string | undefined;
  production: boolean;
  /** The request's X-Forwarded-Proto header. */
  forwardedProto: string | null;
}): boolean {
  if (appUrl?.startsWith("https:") || production) return true;
  return forwardedProtocol(forwardedProto) === "https";
}
