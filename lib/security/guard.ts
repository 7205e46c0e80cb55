import { loginUrl } from "../auth/redirect";
import { allowedMethods, matchApiRoute } from "./api-routes";
import { hasBody, isAcceptedBodyType, mediaType } from "./content-type";
import { isAllowedHost } from "./host";
import { isCrossSiteWrite, isStateChanging, originOf } from "./origin";

export interface GuardConfig {
  /** PLAYGROUND_PASSWORD is set: everything but the public paths needs a session */
  passwordSet: boolean;
  /** PUBLIC_URL's origin, if set */
  publicOrigin?: string;
  /** TRUST_PROXY=1: X-Forwarded-Host/Proto describe the request */
  trustProxy: boolean;
  /** ALLOW_OPEN_ACCESS=1: the owner chose to serve everyone without a password */
  openAccess: boolean;
}

export interface GuardRequest {
  method: string;
  /** the path as received (still percent-encoded) */
  pathname: string;
  search: string;
  headers: Pick<Headers, "get">;
  /** the request carries a valid session cookie */
  signedIn: boolean;
}

export type GuardVerdict =
  | { kind: "pass" }
  | { kind: "redirect"; location: string }
  | {
      kind: "refuse";
      status: number;
      code: string;
      message: string;
      field?: string;
      headers?: Record<string, string>;
    };

/** The first value of a comma-separated forwarded header. */
const firstValue = (v: string | null) => v?.split(",")[0]?.trim() || undefined;

/** The origin this request was addressed to: its Host, or what a trusted reverse proxy says it received. */
export function requestOwnOrigin(headers: Pick<Headers, "get">, trustProxy: boolean): string | undefined {
  const host = (trustProxy && firstValue(headers.get("x-forwarded-host"))) || headers.get("host");
  const proto = (trustProxy && firstValue(headers.get("x-forwarded-proto"))) || "http";
  return host ? originOf(`${proto}://${host}`) : undefined;
}

/**
 * What anyone may reach while a password is set: the login page and its API, the health check, share pages,
 * Next's static files and the public/ files pages link to, fonts included (the same for everybody, no data in
 * them).
 */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/login" ||
    pathname === "/api/auth/login" ||
    pathname === "/api/auth/logout" ||
    pathname === "/api/health" ||
    pathname.startsWith("/share/") ||
    pathname.startsWith("/_next/") ||
    pathname === "/icon.svg" ||
    pathname === "/og.png" ||
    pathname.startsWith("/fonts/") ||
    pathname === "/favicon.ico"
  );
}

const isApi = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

function refuse(
  status: number,
  code: string,
  message: string,
  extra: { field?: string; headers?: Record<string, string> } = {},
): GuardVerdict {
  return { kind: "refuse", status, code, message, ...extra };
}

/**
 * The one request guard, run by proxy.ts before any route: URL sanity, DNS rebinding, cross-site writes,
 * the session, methods and body types, in that order. Pure: the proxy supplies the config and whether the
 * session cookie is valid.
 */
export function guardRequest(req: GuardRequest, config: GuardConfig): GuardVerdict {
  const { method, pathname, headers } = req;
  try {
    decodeURIComponent(pathname);
  } catch {
    return refuse(400, "invalid_request", "The URL path has malformed percent-encoding", { field: "path" });
  }

  if (!config.passwordSet && !config.openAccess) {
    const publicHost = config.publicOrigin ? new URL(config.publicOrigin).host : undefined;
    if (!isAllowedHost(headers.get("host"), publicHost)) {
      return refuse(
        403,
        "forbidden_host",
        "This playground has no password, so it only answers requests addressed to localhost (or PUBLIC_URL)",
      );
    }
  }

  const ownOrigins = [requestOwnOrigin(headers, config.trustProxy), config.publicOrigin].filter(
    (o): o is string => o !== undefined,
  );
  if (
    isCrossSiteWrite({
      method,
      origin: headers.get("origin"),
      secFetchSite: headers.get("sec-fetch-site"),
      ownOrigins,
    })
  ) {
    return refuse(403, "forbidden_origin", "Cross-site requests may not change anything here");
  }

  if (config.passwordSet && !req.signedIn && !isPublicPath(pathname)) {
    if (isApi(pathname) || (method !== "GET" && method !== "HEAD")) {
      return refuse(401, "unauthorized", "Sign in first: this playground is protected by a password");
    }
    return { kind: "redirect", location: loginUrl(`${pathname}${req.search}`) };
  }

  if (isApi(pathname)) {
    const route = matchApiRoute(pathname);
    if (route) {
      const allow = allowedMethods(route);
      if (!allow.includes(method.toUpperCase())) {
        return refuse(405, "method_not_allowed", `${method} is not allowed here; use ${allow.join(", ")}`, {
          headers: { allow: allow.join(", ") },
        });
      }
    }
  }

  if (isStateChanging(method) && hasBody(headers)) {
    const type = mediaType(headers.get("content-type"));
    if (!isAcceptedBodyType(type, pathname === "/api/conversations/import")) {
      return refuse(415, "unsupported_media_type", "The body must be JSON (Content-Type: application/json)", {
        field: "content-type",
      });
    }
  }

  return { kind: "pass" };
}
