/** The media type of a Content-Type header, lower-cased, without parameters (`charset`, `boundary`). */
export function mediaType(contentType: string | null): string | undefined {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type || undefined;
}

/** Whether the request carries a body: a positive Content-Length, or a chunked upload without one. */
export function hasBody(headers: Pick<Headers, "get">): boolean {
  const length = headers.get("content-length");
  if (length !== null) return Number(length) > 0 || Number.isNaN(Number(length));
  return headers.get("transfer-encoding") !== null;
}

/**
 * Whether a body's media type is accepted: JSON everywhere, and multipart for the import route (a file
 * upload). `text/plain`, form-urlencoded and other types a web page can send without a CORS preflight are
 * refused, so a cross-site form or sendBeacon can never be read as a valid request.
 */
export function isAcceptedBodyType(type: string | undefined, allowMultipart: boolean): boolean {
  if (type === "application/json") return true;
  return allowMultipart && type === "multipart/form-data";
}
