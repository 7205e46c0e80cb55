import "server-only";
import { APICallError } from "ai";
import type { MessageError } from "@/db/schema";
import { createRedactor } from "@/lib/security/redact";

/**
 * Provider bodies are already redacted as they arrive (providers.ts); this second pass covers what the
 * SDK or the network layer builds itself (messages, causes), with the same rules.
 */
export function redactSecrets(text: string, secrets: (string | undefined)[]): string {
  return createRedactor(secrets).redact(text);
}

function providerMessage(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof parsed.error === "string") return parsed.error;
    if (typeof parsed.error?.message === "string") return parsed.error.message;
    if (typeof parsed.message === "string") return parsed.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 500);
}

const HINTS: Record<number, string> = {
  401: "Check the API key.",
  402: "Top up the account balance.",
  403: "The key is not allowed to use this model.",
  404: "The model may have moved or been retired; pick another model.",
  429: "Rate limited; wait and retry.",
};

/** Map anything a provider call can throw to what the user sees (the provider's own words, redacted). */
export function toMessageError(
  err: unknown,
  providerName: string,
  secrets: (string | undefined)[],
): MessageError {
  if (APICallError.isInstance(err)) {
    const status = err.statusCode;
    const said = providerMessage(err.responseBody) ?? err.message;
    const modelGone = status === 404 || (status === 400 && /model|not.?found|does not exist/i.test(said));
    const retryAfter = err.responseHeaders?.["retry-after"];
    const hint = modelGone ? HINTS[404] : status ? HINTS[status] : undefined;
    const code =
      status === 401 || status === 403
        ? "auth_failed"
        : status === 402
          ? "insufficient_balance"
          : modelGone
            ? "model_not_found"
            : status === 429
              ? "rate_limited"
              : status && status >= 500
                ? "provider_error"
                : status
                  ? "bad_request"
                  : "network_error";
    const parts = [
      `${providerName}${status ? ` answered ${status}` : " could not be reached"}: ${said}`,
      hint,
      retryAfter ? `Retry after ${retryAfter}s.` : undefined,
    ];
    return {
      code,
      message: redactSecrets(parts.filter(Boolean).join(" "), secrets),
      statusCode: status,
      retryable: code !== "bad_request",
    };
  }
  const e = err as
    | { name?: string; message?: string; cause?: { code?: string; message?: string } }
    | undefined;
  if (e?.name === "TimeoutError") {
    return { code: "timeout", message: `${providerName} did not finish in time.`, retryable: true };
  }
  // Mid-stream error objects arrive as plain objects or Errors carrying the provider's message.
  const raw = typeof err === "object" && err && "message" in err ? String(e?.message) : String(err);
  const cause = e?.cause?.code ?? e?.cause?.message;
  return {
    code: "stream_error",
    message: redactSecrets(`${providerName} failed: ${raw}${cause ? ` (${cause})` : ""}`, secrets),
    retryable: true,
  };
}
