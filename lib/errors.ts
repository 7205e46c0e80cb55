/** One error type for the API: a code, its HTTP status, a message safe to show, and the cause for the log. */
export type ErrorCode = "invalid_request" | "not_found" | "provider_unavailable" | "internal";

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  not_found: 404,
  provider_unavailable: 503,
  internal: 500,
};

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = STATUS[code];
  }
}

export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    return Response.json(
      {
        error: {
          code: err.code,
          message: err.message,
          ...(err.issues.length ? { field: err.issues[0].field, issues: err.issues } : {}),
        },
      },
      { status: err.status },
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

/** Parse a JSON body against a schema, or throw a 400 naming the field. `allowEmpty` treats no body as {}. */
export async function parseJsonBody<T>(
  req: Request,
  schema: Schema<T>,
  opts: { allowEmpty?: boolean } = {},
): Promise<T> {
  let raw: unknown;
  const text = await req.text();
  if (opts.allowEmpty && text.trim() === "") raw = {};
  else {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new AppError("invalid_request", "Body must be valid JSON", [
        { field: "body", message: "Invalid JSON" },
      ]);
    }
  }
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
