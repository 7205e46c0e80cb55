import { createUIMessageStreamResponse, type UIMessageChunk } from "ai";
import { describe, expect, it } from "vitest";
import { ReplayStream } from "./replay-stream";
import { sseEvent, turnResponse, turnText } from "./turn-response";

const chunks: UIMessageChunk[] = [
  { type: "start", messageId: "m1", messageMetadata: { createdAt: 1, note: 'quotes " and \n newlines' } },
  { type: "reasoning-start", id: "r" },
  { type: "reasoning-delta", id: "r", delta: "Thinking… ünïcødé 😀" },
  { type: "reasoning-end", id: "r" },
  { type: "text-start", id: "t" },
  { type: "text-delta", id: "t", delta: "data: [DONE]\n\nnot the end" },
  { type: "text-end", id: "t" },
  { type: "finish", messageMetadata: { status: "complete" } },
];

function sdkText(): Promise<string> {
  const stream = new ReadableStream<UIMessageChunk>({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
  return createUIMessageStreamResponse({ stream }).text();
}

describe("turnResponse", () => {
  it("sends the bytes and headers the AI SDK's createUIMessageStreamResponse sends for the same chunks", async () => {
    const replay = new ReplayStream<string>();
    const res = turnResponse(replay);
    const text = turnText(replay);
    for (const chunk of chunks.slice(0, 3)) replay.push(sseEvent(chunk));
    // Read in between, so the rest comes in another batch.
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    for (const chunk of chunks.slice(3)) replay.push(sseEvent(chunk));
    replay.close();
    let rest = "";
    const decoder = new TextDecoder();
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += decoder.decode(r.value);

    const expected = await sdkText();
    expect(first + rest).toBe(expected);
    expect(await new Response(text.pipeThrough(new TextEncoderStream())).text()).toBe(expected);
    const sdkHeaders = createUIMessageStreamResponse({ stream: new ReadableStream() }).headers;
    for (const [name, value] of sdkHeaders) {
      if (name !== "cache-control") expect(res.headers.get(name)).toBe(value);
    }
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
  });
});
