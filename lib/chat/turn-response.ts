import { UI_MESSAGE_STREAM_HEADERS, type UIMessageChunk } from "ai";
import type { ReplayStream } from "./replay-stream";

/**
 * no-transform: Next's gzip skips it. Compressing an event stream chunk by chunk saves next to nothing and
 * costs CPU per event (and a proxy that buffers to compress would delay the tokens).
 */
const headers = { "cache-control": "no-cache, no-transform" };

/**
 * One chunk of a UI message stream as an event-stream event, exactly as the AI SDK writes it
 * (createUIMessageStreamResponse's JsonToSseTransformStream): a turn serializes each chunk once, when it is
 * made, and its readers send the text.
 */
export function sseEvent(chunk: UIMessageChunk): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** The event the AI SDK ends a UI message stream with. */
export const SSE_DONE = "data: [DONE]\n\n";

const join = (events: string[]) => (events.length === 1 ? (events[0] as string) : events.join(""));

/** A turn's event-stream text from its first event, every event come since the last read in one piece. */
export function turnText(stream: ReplayStream<string>): ReadableStream<string> {
  return stream.subscribe(join, SSE_DONE);
}

const encoder = new TextEncoder();

/** A reader of a turn's stream, from its first event, as an event-stream response. */
export function turnResponse(stream: ReplayStream<string>): Response {
  return new Response(
    stream.subscribe((events) => encoder.encode(join(events)), encoder.encode(SSE_DONE)),
    { headers: { ...UI_MESSAGE_STREAM_HEADERS, ...headers } },
  );
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
