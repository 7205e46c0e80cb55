/**
 * Types shared by the fake OpenAI-compatible provider (server.ts, run by Node's type stripping) and the
 * typed client the tests use (client.ts). Type declarations only: nothing here exists at run time.
 */

/** Where the reasoning text goes on the wire. */
export type ReasoningField = "reasoning_content" | "reasoning" | "think-tags" | "none";

/** The provider error body every host uses: `{"error":{"message","type","param","code"}}`. */
export interface ProviderErrorObject {
  message: string;
  type: string;
  param: string | null;
  code: string | number | null;
}

/** OpenAI/DeepSeek-style usage as it appears on the wire. */
export type WireUsage = Record<string, unknown>;

export interface HttpErrorSpec {
  status: number;
  /**
   * response body; an object is sent as JSON, a string as is. Default: a body shaped for the status.
   * Key placeholders (see Scenario.answer) are filled in.
   */
  body?: unknown;
  headers?: Record<string, string>;
  /** wait this long before answering */
  delayMs?: number;
}

export interface MidStreamErrorSpec {
  /** send the error after this many content chunks (reasoning and answer chunks both count) */
  afterChunks: number;
  error?: Partial<ProviderErrorObject>;
}

/**
 * One scripted answer of the fake provider. Every field is optional; the defaults give a short
 * reasoning phase followed by a short answer that quotes the user's message.
 */
export interface Scenario {
  /** where the reasoning goes. Default: per host (aimlapi: "reasoning", others: "reasoning_content"; custom model "fake-chat": "none") */
  reasoningField?: ReasoningField;
  /** reasoning text; "" means no reasoning chunks */
  reasoning?: string;
  /**
   * answer text; "" means no answer chunks (e.g. a max_tokens cut during reasoning). In it, in
   * `reasoning`, in a mid-stream error message and in an HTTP error body, the request's own Bearer key
   * can be echoed: "{key}" (whole), "{keyUrl}" (URL-encoded), "{keyTail}" (last 4 characters).
   */
  answer?: string;
  /** whitespace-delimited words per chunk (default 1) */
  chunkSize?: number;
  /** cut the text into pieces of this many characters instead of words, as a tokenizer spells a key */
  chunkChars?: number;
  /** delay before every chunk, ms (default 0) */
  chunkDelayMs?: number;
  /** extra pause between the last reasoning chunk and the first answer chunk, ms */
  answerDelayMs?: number;
  /**
   * hold the stream between the last reasoning chunk and the first answer chunk until a test opens the
   * gate of this name (`POST /__control/gates/<name>`): the live, mid-answer state lasts as long as a test
   * needs it, whatever the machine's load
   */
  answerGate?: string;
  /** wait this long after the response headers, before the first data chunk, ms */
  initialDelayMs?: number;
  /** number of `: keep-alive` SSE comment lines sent before the first chunk */
  keepAlives?: number;
  /** interval between those comments, ms (default 100) */
  keepAliveIntervalMs?: number;
  /** finish_reason of the last chunk (default "stop"); null = the stream ends without any finish_reason */
  finishReason?: string | null;
  /**
   * usage chunk (choices: []) sent before [DONE] when the request asked for it with
   * stream_options.include_usage: "computed" (default) counts words; an object is sent verbatim; false = never.
   */
  usage?: "computed" | WireUsage | false;
  /** send `data: [DONE]` at the end (default true) */
  done?: boolean;
  /** answer with an HTTP error instead of a stream */
  httpError?: HttpErrorSpec;
  /** an `{"error":{…}}` object arriving as a data line inside the open stream, after which the stream ends */
  midStreamError?: MidStreamErrorSpec;
  /** destroy the TCP connection without any response (after initialDelayMs) */
  dropConnection?: boolean;
  /**
   * replay a recorded stream: a file name from e2e/fixtures/recorded-streams (or
   * ../shared/fixtures/recorded-streams), one JSON chunk per line, sent as `data: <line>` with
   * chunkDelayMs between lines, then `data: [DONE]`.
   */
  replay?: string;
}

/** What POST /__control/scripts accepts: one scenario, or one per successive chat request (the last repeats). */
export interface ScriptRegistration {
  id: string;
  scenario?: Scenario;
  steps?: Scenario[];
}

/** One request the fake provider received, as GET /__control/requests returns it. */
export interface RecordedRequest {
  /** order of arrival across the whole server */
  seq: number;
  /** script id found in the last user message marker, or null */
  script: string | null;
  /** "aimlapi" | "atlascloud" | "deepseek" | "custom" */
  prefix: string;
  method: string;
  /** path below the host prefix, e.g. "/v1/chat/completions" (for deepseek "/chat/completions") */
  path: string;
  /** lower-cased header names */
  headers: Record<string, string>;
  /** parsed JSON body, or null */
  body: ChatRequestBody | null;
  startedAt: number;
  /** when the response ended (or the client went away); null while in progress */
  endedAt: number | null;
  status: number;
  /** the client closed the connection before the response was complete */
  aborted: boolean;
}

export interface WireMessage {
  role: string;
  content: string | Array<{ type: string; text?: string }> | null;
  [key: string]: unknown;
}

export interface ChatRequestBody {
  model?: string;
  messages?: WireMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  [key: string]: unknown;
}
