/**
 * The Content-Security-Policy of every response. Scripts run only with this request's nonce ('strict-dynamic'
 * lets Next's nonced loader pull in its own chunks); nothing may frame the app, plugins and <base> are off.
 * `img-src https:` is there for the "Load image" button: remote images in model output are never rendered
 * until the user clicks it (components/chat/markdown), so the policy allows what that click needs.
 * Styles allow inline: KaTeX, Shiki, Radix and sonner set style attributes, which a nonce cannot cover.
 */
export function contentSecurityPolicy({
  nonce,
  dev = false,
  remoteImages = true,
}: {
  nonce: string;
  dev?: boolean;
  /** false on share pages, which offer no "Load image" button: no remote image may load there at all */
  remoteImages?: boolean;
}): string {
  const directives = [
    "default-src 'self'",
    // React's development build needs eval for its debugging stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${remoteImages ? " https:" : ""}`,
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

const isSharePage = (pathname: string) => pathname === "/share" || pathname.startsWith("/share/");

/** Share pages are opened from anywhere: their links must not tell the next site which snapshot was read. */
export function referrerPolicy(pathname: string): string {
  return isSharePage(pathname) ? "no-referrer" : "strict-origin-when-cross-origin";
}

/** The security headers set on every response, pages, API and static assets alike. */
export function securityHeaders(pathname: string, nonce: string, dev = false): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy({ nonce, dev, remoteImages: !isSharePage(pathname) }),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": referrerPolicy(pathname),
    // No other site may load our responses as no-cors subresources (images, scripts) or keep a handle on
    // our windows.
    "cross-origin-resource-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    // Chromium resolves the host names of links on a page ahead of a click; model output names hosts.
    "x-dns-prefetch-control": "off",
  };
}
