import type { NextConfig } from "next";
import { ASSET_VERSION_PARAM, STATIC_ASSETS } from "./lib/static-assets";

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: keep it out of the server bundle.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  // Dev server reached as 127.0.0.1 (scripts, Playwright) as well as localhost.
  allowedDevOrigins: ["127.0.0.1"],
  // Lets a second build (e.g. a developer running e2e beside `next dev`) live beside the default one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Files of public/ are linked with their content hash in the query (lib/static-assets.ts): that exact URL
  // never changes content, so browsers and proxies may keep it a year without asking again. The bare path
  // (and any other version) keeps Next's default, revalidated caching.
  async headers() {
    return Object.values(STATIC_ASSETS).map((asset) => ({
      source: `/${asset.file}`,
      has: [{ type: "query" as const, key: ASSET_VERSION_PARAM, value: asset.version }],
      headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }],
    }));
  },
  turbopack: {
    resolveAlias: {
      // The browser never calls the AI Gateway; see lib/ai/gateway-browser.ts.
      "@ai-sdk/gateway": { browser: "./lib/ai/gateway-browser.ts" },
      // Raw HTML in answers is shown as text, never parsed; see lib/markdown/rehype-raw-browser.ts.
      "rehype-raw": { browser: "./lib/markdown/rehype-raw-browser.ts" },
    },
  },
  experimental: {
    // With a proxy, Next copies each request body in memory (twice) before the route reads it, up to this
    // size (default 10 MB), dropping the chunk that crosses it. No route accepts more than 5 MB (import;
    // MAX_BODY_BYTES is capped to it): 6 MB keeps more than 5 MB of an oversized body, so the route's own
    // limit still answers 413 (lib/errors.ts readBodyText), never a truncated-JSON 400.
    proxyClientMaxBodySize: 6 * 1024 * 1024,
  },
};

export default nextConfig;
