/** The origin the visitor used, for absolute links (honours a reverse proxy's forwarded headers). */
export function requestOrigin(req: Request): string {
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? url.host;
  const proto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
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
