import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { REDACTED } from "@/lib/security/redact";
import { redactSecrets, toMessageError } from "./provider-errors";

function apiError(statusCode: number, body: unknown, headers: Record<string, string> = {}) {
  return new APICallError({
    message: "x",
    url: "https://example.test/v1/chat/completions",
    requestBodyValues: {},
    statusCode,
    responseBody: JSON.stringify(body),
    responseHeaders: headers,
  });
}

describe("provider errors reach the user readably", () => {
  it("401 keeps the provider's words but not the key fragment", () => {
    const e = toMessageError(
      apiError(401, { error: { message: "Authentication Fails, Your api key: ****abcd is invalid" } }),
      "DeepSeek",
      ["sk-secret-abcd"],
    );
    expect(e.code).toBe("auth_failed");
    expect(e.message).toContain("DeepSeek answered 401: Authentication Fails");
    expect(e.message).not.toContain("abcd");
  });

  it("429 says when to retry", () => {
    const e = toMessageError(
      apiError(429, { error: { message: "Rate limit reached" } }, { "retry-after": "7" }),
      "P",
      [],
    );
    expect(e).toMatchObject({ code: "rate_limited", retryable: true });
    expect(e.message).toContain("Retry after 7s");
  });

  it("a model that is gone is named as such", () => {
    expect(toMessageError(apiError(404, { error: { message: "Model not found" } }), "P", []).code).toBe(
      "model_not_found",
    );
    expect(
      toMessageError(apiError(400, { error: { message: "The model `x` does not exist" } }), "P", []).code,
    ).toBe("model_not_found");
  });

  it("402 and 5xx", () => {
    expect(toMessageError(apiError(402, { error: { message: "Insufficient Balance" } }), "P", []).code).toBe(
      "insufficient_balance",
    );
    expect(toMessageError(apiError(503, { error: { message: "Server busy" } }), "P", []).code).toBe(
      "provider_error",
    );
  });

  it("redacts the key and its fragments anywhere", () => {
    expect(redactSecrets("key sk-live-123456 bad, tail e-123456", ["sk-live-123456"])).toBe(
      `key ${REDACTED} bad, tail ${REDACTED}`,
    );
  });
});
