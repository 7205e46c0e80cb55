/** The origin the visitor used, for absolute links (honours a reverse proxy's forwarded headers). */
export function requestOrigin(req: Request): string {
  return headersOrigin(req.headers, new URL(req.url));
}

/** The same from bare request headers, e.g. a server component's `headers()`. */
export function headersOrigin(headers: Pick<Headers, "get">, url?: URL): string {
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? url?.host ?? "localhost";
  const proto = headers.get("x-forwarded-proto") ?? url?.protocol.replace(":", "") ?? "http";
  return `${proto}://${host}`;
}

/** A file download: `name` is sanitised to a safe ASCII file name. */
export function attachment(body: string, name: string, type: string): Response {
  const safe =
    name
      .replace(/[^A-Za-z0-9 ._-]+/g, "")
      .trim()
      .slice(0, 80) || "export";
  return new Response(body, {
    headers: {
      "content-type": `${type}; charset=utf-8`,
      "content-disposition": `attachment; filename="${safe}"`,
    },
  });
}
