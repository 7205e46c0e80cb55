import "server-only";
import { env } from "./env";
import { AppError, readBodyText } from "./errors";

/** The origin people reach the app at, for absolute links such as share URLs. */
export function requestOrigin(req: Request): string {
  return headersOrigin(req.headers, new URL(req.url));
}

/**
 * The same from bare request headers, e.g. a server component's `headers()`. PUBLIC_URL wins; else the
 * Host header, or a reverse proxy's X-Forwarded-Host/Proto only when TRUST_PROXY=1 (otherwise anyone could
 * make the app print links to their own site).
 */
export function headersOrigin(headers: Pick<Headers, "get">, url?: URL): string {
  const { PUBLIC_URL, TRUST_PROXY } = env();
  return originFromHeaders(headers, { publicUrl: PUBLIC_URL, trustProxy: TRUST_PROXY }, url);
}

const firstValue = (v: string | null) => v?.split(",")[0]?.trim() || undefined;

export function originFromHeaders(
  headers: Pick<Headers, "get">,
  config: { publicUrl?: string; trustProxy: boolean },
  url?: URL,
): string {
  if (config.publicUrl) return new URL(config.publicUrl).origin;
  const forwardedHost = config.trustProxy ? firstValue(headers.get("x-forwarded-host")) : undefined;
  const forwardedProto = config.trustProxy ? firstValue(headers.get("x-forwarded-proto")) : undefined;
  const host = forwardedHost ?? headers.get("host") ?? url?.host ?? "localhost";
  const proto = forwardedProto ?? "http";
  return `${proto}://${host}`;
}

/**
 * The client's address for rate limiting. Next puts the socket's address in X-Forwarded-For when the
 * request has none; behind a trusted proxy the last entry is the address that proxy saw. Without
 * TRUST_PROXY a client may send its own header: the whole value is the key then (see LoginLimiter).
 */
export function clientAddress(headers: Pick<Headers, "get">, trustProxy: boolean): string {
  const forwarded = headers.get("x-forwarded-for") ?? "";
  if (trustProxy) return forwarded.split(",").at(-1)?.trim() || "unknown";
  return forwarded.trim() || "unknown";
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

/**
 * An uploaded file's text: the raw body (Content-Type: application/json), or the `file` field of a
 * multipart/form-data upload (a plain HTML file form). Either way the body is counted against `maxBytes` while
 * it is read (413 past it); the guard admits multipart only on the import route.
 */
export async function readUploadedFile(req: Request, maxBytes: number): Promise<string> {
  const type = req.headers.get("content-type") ?? "";
  const text = await readBodyText(req, maxBytes, "file");
  if (!/^multipart\/form-data\s*;/i.test(type)) return text;
  let form: FormData;
  try {
    form = await new Response(text, { headers: { "content-type": type } }).formData();
  } catch {
    throw new AppError("invalid_request", "The upload is not valid multipart/form-data", [
      { field: "file", message: "Malformed multipart body" },
    ]);
  }
  const file = form.get("file");
  if (file === null) {
    throw new AppError("invalid_request", "The upload has no field named file", [
      { field: "file", message: "Required" },
    ]);
  }
  return typeof file === "string" ? file : await file.text();
}
