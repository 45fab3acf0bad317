import { type NextRequest, NextResponse } from "next/server";
import { loadConfig } from "@/lib/config/load-config";
import { requestRefusal } from "@/lib/http/request-refusal";
import {
  API_CONTENT_SECURITY_POLICY,
  createNonce,
  pageContentSecurityPolicy,
  STRICT_TRANSPORT_SECURITY,
  servedOverHttps,
} from "@/lib/http/security-headers";

const appConfig = loadConfig();

/**
 * Gives every page a Content-Security-Policy with a fresh nonce, following Next.js's nonce guide:
 * the policy goes on the request too, where Next.js finds the nonce and puts it on its scripts
 * (pages render per request: the root layout is dynamic). API routes get a policy that allows
 * nothing. X-Content-Type-Options and Referrer-Policy, which never vary, are in next.config.ts.
 */
export function proxy(request: NextRequest): NextResponse {
  // Before anything else: another site's name (DNS rebinding), a malformed address, a form from
  // another site or one too large, each answered in words rather than by Next.js's bare 500.
  const refusal = requestRefusal(
    {
      method: request.method,
      path: new URL(request.url).pathname,
      host: request.headers.get("host"),
      origin: request.headers.get("origin"),
      contentLength: request.headers.get("content-length"),
    },
    appConfig,
  );
  if (refusal) {
    return new NextResponse(refusal.message, {
      status: refusal.status,
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Security-Policy": API_CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
      },
    });
  }
  const https = servedOverHttps({
    appUrl: appConfig.appUrl,
    production: process.env.NODE_ENV === "production",
    requestProtocol: request.nextUrl.protocol,
    forwardedProto: request.headers.get("x-forwarded-proto"),
  });
  const requestHeaders = new Headers(request.headers);
  let policy = API_CONTENT_SECURITY_POLICY;
  if (!request.nextUrl.pathname.startsWith("/api/")) {
    const nonce = createNonce();
    policy = pageContentSecurityPolicy({
      nonce,
      stripe: appConfig.stripe,
      development: process.env.NODE_ENV === "development",
      https,
    });
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", policy);
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: [
    // Not for build output, which never changes, nor for Stripe's webhooks: on a request Proxy
    // runs for, Next.js first buffers the body, and the webhook route must be able to refuse an
    // oversized body before it is read.
    "/((?!_next/static|_next/image|favicon.ico|api/webhooks).*)",
  ],
};
