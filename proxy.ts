import { randomBytes } from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import { isValidSession, passwordRequired } from "@/lib/auth/session";
import { SESSION_COOKIE } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { guardRequest, requestOwnOrigin } from "@/lib/security/guard";
import { securityHeaders } from "@/lib/security/headers";
import { originOf } from "@/lib/security/origin";

/**
 * Every request passes here first (pages, API, static files): the request guard (lib/security/guard.ts)
 * refuses or redirects, and every response gets the security headers with a fresh CSP nonce, which Next
 * reads from the request's Content-Security-Policy header and puts on its own scripts.
 */
export function proxy(request: NextRequest): NextResponse {
  const { NODE_ENV, PUBLIC_URL, TRUST_PROXY, ALLOW_OPEN_ACCESS } = env();
  const { pathname, search } = request.nextUrl;
  const passwordSet = passwordRequired();
  const verdict = guardRequest(
    {
      method: request.method,
      pathname,
      search,
      headers: request.headers,
      signedIn: passwordSet && isValidSession(request.cookies.get(SESSION_COOKIE)?.value),
    },
    {
      passwordSet,
      publicOrigin: PUBLIC_URL ? originOf(PUBLIC_URL) : undefined,
      trustProxy: TRUST_PROXY,
      openAccess: ALLOW_OPEN_ACCESS,
    },
  );

  const nonce = randomBytes(16).toString("base64");
  const headers = securityHeaders(pathname, nonce, NODE_ENV === "development");
  let response: NextResponse;
  if (verdict.kind === "refuse") {
    const { status, code, message, field } = verdict;
    response = NextResponse.json(
      { error: { code, message, ...(field ? { field } : {}) } },
      { status, headers: verdict.headers },
    );
  } else if (verdict.kind === "redirect") {
    // On the host name the browser used (its cookies are per host), not the address Next is bound to.
    const origin = requestOwnOrigin(request.headers, TRUST_PROXY) ?? request.nextUrl.origin;
    response = NextResponse.redirect(new URL(verdict.location, origin), 307);
  } else {
    const forwarded = new Headers(request.headers);
    forwarded.set("x-nonce", nonce);
    forwarded.set("content-security-policy", headers["content-security-policy"]);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
