/** Methods that change state: the only ones judged for cross-site origin and body type. */
const STATE_CHANGING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isStateChanging(method: string): boolean {
  return STATE_CHANGING_METHODS.has(method.toUpperCase());
}

/** `scheme://host[:port]` of a URL, lower-cased, default ports dropped; undefined when it is not a URL. */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

export interface CrossSiteInput {
  method: string;
  /** the `Origin` header, if any */
  origin: string | null;
  /** the `Sec-Fetch-Site` header, if any */
  secFetchSite: string | null;
  /** the app's own origins: the one the request was addressed to, and PUBLIC_URL's */
  ownOrigins: readonly string[];
}

/**
 * Whether a request is a cross-site write to refuse. `Origin` decides when present (exact scheme, host and
 * port; `null` — sandboxed frames, some redirects — is refused); without it `Sec-Fetch-Site` decides
 * (`same-site` is refused too: a sibling subdomain is another app). A request with neither header comes
 * from a non-browser client (curl, an SDK), which no web page can forge: the session alone judges it.
 */
export function isCrossSiteWrite({ method, origin, secFetchSite, ownOrigins }: CrossSiteInput): boolean {
  if (!isStateChanging(method)) return false;
  if (origin !== null) {
    const normalized = originOf(origin);
    return normalized === undefined || !ownOrigins.includes(normalized);
  }
  if (secFetchSite !== null) {
    const site = secFetchSite.trim().toLowerCase();
    return site !== "same-origin" && site !== "none";
  }
  return false;
}
