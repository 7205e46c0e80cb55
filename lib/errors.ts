import { env } from "./env";

/** One error type for the API: a code, its HTTP status, a message safe to show, and the cause for the log. */
export type ErrorCode =
  | "invalid_request"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "provider_unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  provider_unavailable: 503,
  internal: 500,
};

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  /** response headers, e.g. Retry-After on a 429 */
  readonly headers: Record<string, string>;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options);
    this.status = STATUS[code];
    this.headers = options?.headers ?? {};
  }
}

/** A unique or primary-key constraint failure (SQLite's, PostgreSQL's): a duplicate id, a 409 rather than a 500. */
function isUniqueViolation(err: unknown): boolean {
  // drizzle wraps the driver's SqliteError (DrizzleQueryError) as its cause.
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505") {
      return true;
    }
  }
  return false;
}

export function errorResponse(err: unknown): Response {
  if (isUniqueViolation(err)) {
    // Ids are checked before writing; this catches a concurrent writer taking the same id in between.
    err = new AppError("conflict", "This id is already taken", [], { cause: err });
  }
  if (err instanceof AppError) {
    return Response.json(
      {
        error: {
          code: err.code,
          message: err.message,
          ...(err.issues.length ? { field: err.issues[0].field, issues: err.issues } : {}),
        },
      },
      { status: err.status, headers: err.headers },
    );
  }
  console.error("Unhandled error", err);
  return Response.json({ error: { code: "internal", message: "Internal server error" } }, { status: 500 });
}

/** Turn a zod error into a 400 naming the first bad field. */
export function invalidRequest(issues: { path: PropertyKey[]; message: string }[]): AppError {
  const fields = issues.map((i) => ({ field: i.path.map(String).join(".") || "body", message: i.message }));
  const first = fields[0];
  return new AppError(
    "invalid_request",
    first ? `${first.field}: ${first.message}` : "Invalid request",
    fields,
  );
}

type Schema<T> = {
  safeParse(
    v: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
};

/** Limits on the shape of a parsed JSON value: deeper or longer input would cost stack or memory later. */
const JSON_LIMITS = { maxDepth: 64, maxArrayLength: 10_000 } as const;

function payloadTooLarge(maxBytes: number, field = "body"): AppError {
  return new AppError("payload_too_large", `The ${field} is larger than ${formatBytes(maxBytes)}`, [
    { field, message: "Too large" },
  ]);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 && n % (1024 * 1024) === 0
    ? `${n / 1024 / 1024} MB`
    : n >= 1024
      ? `${Math.round(n / 1024)} KB`
      : `${n} bytes`;
}

/**
 * Read a request body as UTF-8, counting bytes as they arrive: a declared Content-Length over the limit is
 * refused before reading, and a chunked body is cancelled as soon as it passes the limit, so an oversized
 * body never sits in memory. Invalid UTF-8 is a 400.
 */
export async function readBodyText(req: Request, maxBytes: number, field = "body"): Promise<string> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw payloadTooLarge(maxBytes, field);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop pulling from the socket; the rest of the upload is discarded, never buffered.
      reader.cancel().catch(() => {});
      throw payloadTooLarge(maxBytes, field);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks, total));
  } catch {
    throw new AppError("invalid_request", `The ${field} is not valid UTF-8`, [
      { field, message: "Invalid UTF-8" },
    ]);
  }
}

/**
 * The first place where a parsed JSON value is nested deeper or has a longer array than allowed, as a field
 * path ("messages.3.paramsSent.a"). Iterative, so hostile nesting cannot overflow the stack here; deep values
 * would overflow it later (JSON.stringify when storing), and huge arrays would cost time in every consumer.
 */
export function jsonShapeIssue(
  value: unknown,
  limits: { maxDepth: number; maxArrayLength: number } = JSON_LIMITS,
): FieldIssue | undefined {
  const stack: { v: unknown; path: string[]; depth: number }[] = [{ v: value, path: [], depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop() as (typeof stack)[number];
    const field = path.join(".") || "body";
    // PostgreSQL's text refuses U+0000 (a write would fail whole); no text a person means holds one.
    if (typeof v === "string" && v.includes("\u0000"))
      return { field, message: "Contains a NUL character (U+0000)" };
    if (v === null || typeof v !== "object") continue;
    if (depth >= limits.maxDepth) {
      return { field, message: `Nested deeper than ${limits.maxDepth} levels` };
    }
    if (Array.isArray(v)) {
      if (v.length > limits.maxArrayLength) {
        return { field, message: `More than ${limits.maxArrayLength} items` };
      }
      v.forEach((item, i) => {
        stack.push({ v: item, path: [...path, String(i)], depth: depth + 1 });
      });
    } else {
      for (const [k, item] of Object.entries(v))
        stack.push({ v: item, path: [...path, k], depth: depth + 1 });
    }
  }
  return undefined;
}

/** JSON.parse plus the shape limits; a 400 naming `field` (or the offending path) otherwise. */
export function parseJsonText(text: string, field = "body"): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", `The ${field} is not valid JSON`, [
      { field, message: "Invalid JSON" },
    ]);
  }
  const issue = jsonShapeIssue(raw);
  if (issue) throw new AppError("invalid_request", `${issue.field}: ${issue.message}`, [issue]);
  return raw;
}

/**
 * Parse a JSON body against a schema, or throw a 400 naming the field (413 past `maxBytes`, by default
 * MAX_BODY_BYTES). `allowEmpty` treats no body as {}.
 */
export async function parseJsonBody<T>(
  req: Request,
  schema: Schema<T>,
  opts: { allowEmpty?: boolean; maxBytes?: number } = {},
): Promise<T> {
  const text = await readBodyText(req, opts.maxBytes ?? env().MAX_BODY_BYTES);
  const raw = opts.allowEmpty && text.trim() === "" ? {} : parseJsonText(text);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidRequest(parsed.error.issues);
  return parsed.data;
}

/** Parse the query string against a schema, or throw a 400 naming the parameter. */
export function parseQuery<T>(req: Request, schema: Schema<T>): T {
  const parsed = schema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw invalidRequest(parsed.error.issues);
  return parsed.data;
}
