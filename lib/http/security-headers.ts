import type { StripeConfig } from "@/lib/config/load-config";

/**
 * Where the browser may load Stripe.js from and talk to. In Stripe mode these are the sources
 * Stripe's security guide lists for Stripe.js (https://docs.stripe.com/security/guide#content-security-policy),
 * without those of Checkout, Connect embedded components and the Address Element, which this app
 * does not use: the script and its frames come from js.stripe.com and its subdomains, 3-D Secure
 * opens a frame on hooks.stripe.com, and the API calls go to api.stripe.com. In emulator mode the
 * stand-in Stripe.js and its API calls come from the emulator's origin, and 3-D Secure is a dialog
 * drawn in the page, so no frame is allowed.
 */
export function stripeSources(stripe: Pick<StripeConfig, "apiHost">) {
  if (stripe.apiHost) {
    const origin = `${stripe.apiHost.protocol}://${stripe.apiHost.host}:${stripe.apiHost.port}`;
    return { script: [origin], connect: [origin], frame: [] };
  }
  return {
    script: ["https://js.stripe.com", "https://*.js.stripe.com"],
    connect: ["https://api.stripe.com"],
    frame: ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
  };
}

export type PagePolicyOptions = {
  nonce: string;
  stripe: Pick<StripeConfig, "apiHost">;
  /** `next dev` evaluates code to rebuild server error stacks and injects inline styles. */
  development: boolean;
  https: boolean;
};

/**
 * The Content-Security-Policy of an HTML page. Scripts run only with this response's nonce, which
 * Next.js reads from the request's copy of this header and puts on its own scripts;
 * 'strict-dynamic' lets those scripts load their chunks and Stripe.js. The host sources after it
 * are ignored by browsers that understand 'strict-dynamic' and serve the older ones.
 */
export function pageContentSecurityPolicy({
  nonce,
  stripe,
  development,
  https,
}: PagePolicyOptions): string {
  const sources = stripeSources(stripe);
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    [
      "script-src",
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...sources.script,
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    ["style-src", "'self'", development ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...sources.connect],
    ["frame-src", ...(sources.frame.length > 0 ? sources.frame : ["'none'"])],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  if (https) directives.push(["upgrade-insecure-requests"]);
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/** API responses are data, never documents: nothing loads from them and nothing frames them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers every response carries, whatever its content. */
export const STATIC_SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
} as const;

/** Two years, the value HSTS preload lists ask for. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** The protocol the browser used, as X-Forwarded-Proto names it: its first proxy's entry. */
export function forwardedProtocol(header: string | null): string | undefined {
  return header?.split(",")[0]?.trim().toLowerCase() || undefined;
}

/**
 * Whether the browser reached the app over HTTPS: always when the configured public URL is
 * https, and in production when the request came over TLS (directly or, per X-Forwarded-Proto,
 * through a TLS-terminating proxy). A development server on http://localhost never sends HSTS.
 */
export function servedOverHttps({
  appUrl,
  production,
  requestProtocol,
  forwardedProto,
}: {
  appUrl: string | undefined;
  production: boolean;
  requestProtocol: string;
  forwardedProto: string | null;
}): boolean {
  if (appUrl?.startsWith("https:")) return true;
  if (!production) return false;
  const forwarded = forwardedProtocol(forwardedProto);
  return forwarded ? forwarded === "https" : requestProtocol === "https:";
}

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

/** A fresh, unguessable nonce for one response: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
