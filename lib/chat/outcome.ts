import type { MessageError, MessageStatus } from "./types";

export interface StreamEnd {
  providerName: string;
  /** the stream ended with an abort part */
  aborted: boolean;
  /** the abort came from our own timeout rather than the client going away */
  timedOut: boolean;
  /** the first error reported by the provider or the SDK */
  error?: MessageError;
  /** the provider's own finish reason ("stop", "length", …), absent when the stream never gave one */
  rawFinish?: string;
}

/** The stored status and error of an answer from how its stream ended. */
export function decideOutcome(end: StreamEnd): { status: MessageStatus; error?: MessageError } {
  const { providerName, rawFinish } = end;
  let error = end.error;
  const stopped = end.aborted && !end.timedOut;
  if (end.aborted && end.timedOut) {
    error ??= { code: "timeout", message: `${providerName} did not finish in time.`, retryable: true };
  }
  if (!stopped && !error && !rawFinish) {
    error = {
      code: "incomplete_stream",
      message: `${providerName}'s stream ended without a finish reason; the answer may be incomplete.`,
      retryable: true,
    };
  }
  if (!error && rawFinish === "insufficient_system_resource") {
    error = {
      code: "insufficient_system_resource",
      message: `${providerName} ran out of inference resources (insufficient_system_resource). Retry later.`,
      retryable: true,
    };
  }
  if (stopped) return { status: "stopped", ...(error ? { error } : {}) };
  if (error) return { status: "error", error };
  return { status: rawFinish === "length" ? "length" : "complete" };
}
