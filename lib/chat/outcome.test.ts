import { describe, expect, it } from "vitest";
import { decideOutcome } from "./outcome";

const base = { providerName: "Acme", aborted: false, timedOut: false };
const providerError = { code: "rate_limited", message: "Slow down", retryable: true };

describe("decideOutcome", () => {
  it("complete, length", () => {
    expect(decideOutcome({ ...base, rawFinish: "stop" })).toEqual({ status: "complete" });
    expect(decideOutcome({ ...base, rawFinish: "length" })).toEqual({ status: "length" });
  });

  it("stopped by the client, even without a finish reason", () => {
    expect(decideOutcome({ ...base, aborted: true })).toEqual({ status: "stopped" });
  });

  it("our own timeout is an error, not a stop", () => {
    expect(decideOutcome({ ...base, aborted: true, timedOut: true })).toMatchObject({
      status: "error",
      error: { code: "timeout", message: "Acme did not finish in time." },
    });
  });

  it("the provider's error wins over everything but a stop", () => {
    expect(decideOutcome({ ...base, error: providerError, rawFinish: "stop" })).toEqual({
      status: "error",
      error: providerError,
    });
    expect(decideOutcome({ ...base, aborted: true, timedOut: true, error: providerError }).error).toBe(
      providerError,
    );
  });

  it("a stream without a finish reason, and DeepSeek's insufficient_system_resource, are errors", () => {
    expect(decideOutcome(base)).toMatchObject({ status: "error", error: { code: "incomplete_stream" } });
    expect(decideOutcome({ ...base, rawFinish: "insufficient_system_resource" })).toMatchObject({
      status: "error",
      error: { code: "insufficient_system_resource" },
    });
  });
});
