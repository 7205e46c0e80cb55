import { createUIMessageStreamResponse, UI_MESSAGE_STREAM_HEADERS, type UIMessageChunk } from "ai";
import type { ReplayStream } from "./replay-stream";

/**
 * no-transform: Next's gzip skips it. Compressing an event stream chunk by chunk saves next to nothing and
 * costs CPU per event (and a proxy that buffers to compress would delay the tokens).
 */
const headers = { "cache-control": "no-cache, no-transform" };

/** A reader of a turn's stream, from its first chunk, as an event-stream response. */
export function turnResponse(stream: ReplayStream<UIMessageChunk>): Response {
  return createUIMessageStreamResponse({ stream: stream.subscribe(), headers });
}

/**
 * The event-stream text of a turn streaming on another instance (its POST response's text, relayed through
 * the turn channel) with the headers of turnResponse: the page cannot tell them apart.
 */
export function relayedTurnResponse(text: ReadableStream<string>): Response {
  return new Response(text.pipeThrough(new TextEncoderStream()), {
    headers: { ...UI_MESSAGE_STREAM_HEADERS, ...headers },
  });
}
