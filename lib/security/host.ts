/** The host name of a `Host` header value (`[::1]:3000` → `::1`, `LocalHost.:80` → `localhost`). */
export function hostName(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  const name = value.startsWith("[") ? value.slice(1, value.indexOf("]")) : value.replace(/:\d*$/, "");
  return name.replace(/\.$/, "");
}

/** localhost, *.localhost, 127.0.0.0/8 and ::1 — names that can only ever reach this machine. */
export function isLoopbackName(name: string): boolean {
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (name === "::1" || name === "0:0:0:0:0:0:0:1") return true;
  const v4 = name.startsWith("::ffff:") ? name.slice("::ffff:".length) : name;
  return /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(v4);
}

/**
 * DNS-rebinding defence while there is no password: a page on `evil.example` whose name was re-pointed at
 * 127.0.0.1 reaches this server with `Host: evil.example`. Only loopback names and PUBLIC_URL's host are
 * answered. A missing Host (HTTP/1.0) is refused too.
 */
export function isAllowedHost(hostHeader: string | null, publicHost?: string): boolean {
  if (!hostHeader) return false;
  const name = hostName(hostHeader);
  if (isLoopbackName(name)) return true;
  return publicHost !== undefined && name === hostName(publicHost);
}
