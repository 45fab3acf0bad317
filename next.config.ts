import type { NextConfig } from "next";
// `npm start` has Node.js load this file as it is (lib/startup/start-next.ts): what it imports is
// named with its extension, and imports nothing through the "@/" alias but types.
import { ACTION_BODY_LIMIT_BYTES } from "./lib/http/form-size.ts";
import {
  API_CONTENT_SECURITY_POLICY,
  STATIC_SECURITY_HEADERS,
} from "./lib/http/security-headers.ts";

const headerList = (headers: Record<string, string>) =>
  Object.entries(headers).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // A second build beside the usual one (the load test's, `.next-load`) sets NEXT_DIST_DIR.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite loads its WebAssembly and data files from node_modules at run time. Stripe stays one
  // module: bundled into several server chunks, its error classes would fail `instanceof`.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "stripe"],
  poweredByHeader: false,
  experimental: {
    // The forms check their size against the same number before sending (lib/http/form-size.ts).
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT_BYTES },
  },
  // The per-request headers (the pages' Content-Security-Policy with its nonce, HSTS) are set in
  // proxy.ts; these never vary. Proxy does not run for Stripe's webhooks, so their policy is here.
  async headers() {
    return [
      { source: "/:path*", headers: headerList(STATIC_SECURITY_HEADERS) },
      {
        source: "/api/webhooks/:path*",
        headers: headerList({ "Content-Security-Policy": API_CONTENT_SECURITY_POLICY }),
      },
    ];
  },
};

export default nextConfig;
