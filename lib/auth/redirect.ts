/**
 * Where to go after signing in: only a path on this site. Anything else — absolute URLs, protocol-relative
 * `//evil`, backslash tricks browsers read as `//`, control characters, the login page itself — becomes "/".
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw?.startsWith("/") || raw.startsWith("//")) return "/";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return "/";
  const base = "http://same.invalid";
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return "/";
  }
  if (url.origin !== base) return "/";
  if (url.pathname === "/login" || url.pathname.startsWith("/api/")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The login page's URL that brings the visitor back to `path` (with its query) afterwards. */
export function loginUrl(pathWithSearch: string): string {
  const next = safeNextPath(pathWithSearch);
  return next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}
