import { APICallError } from "ai";

export interface RequestErrorInfo {
  message: string;
  /** the request field the server blamed, e.g. "params.temperature" */
  field?: string;
}

/** What to tell the user when POST /api/chat itself failed (no stream was started). */
export function describeRequestError(err: Error): RequestErrorInfo {
  if (APICallError.isInstance(err)) {
    try {
      const body = JSON.parse(err.responseBody ?? "") as { error?: { message?: string; field?: string } };
      if (body.error?.message) return { message: body.error.message, field: body.error.field };
    } catch {
      // Not our JSON error shape (e.g. a proxy's HTML page): fall through to the status.
    }
    return { message: `The server answered HTTP ${err.statusCode ?? "error"}.` };
  }
  if (err instanceof TypeError) return { message: "Could not reach the server. Check that it is running." };
  return { message: err.message || "The request failed." };
}
