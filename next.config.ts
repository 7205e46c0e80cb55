import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: keep it out of the server bundle.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  // Dev server reached as 127.0.0.1 (scripts, Playwright) as well as localhost.
  allowedDevOrigins: ["127.0.0.1"],
  // Lets a second build (e.g. a developer running e2e beside `next dev`) live beside the default one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
