import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { generateText, streamText, wrapLanguageModel } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED } from "@/lib/security/redact";
import { redactionMiddleware } from "./redaction-middleware";

const KEY = "sk-or-v1-7f3a9c2e1b4d6f8a0c2e4b6d8f0a1c3e";

/** `text` cut into deltas of `size` characters, as a tokenizer would spell it. */
function spelled(type: "text-delta" | "reasoning-delta", id: string, text: string, size: number) {
  const parts: LanguageModelV4StreamPart[] = [];
  for (let i = 0; i < text.length; i += size) parts.push({ type, id, delta: text.slice(i, i + size) });
  return parts;
}

function model(parts: LanguageModelV4StreamPart[]) {
  return new MockLanguageModelV4({
    doStream: async () => ({
      stream: new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          for (const p of parts) controller.enqueue(p);
          controller.close();
        },
      }),
    }),
    doGenerate: async () => ({
      content: [
        { type: "reasoning", text: `I saw ${KEY}` },
        { type: "text", text: `Key: ${KEY.slice(3, 20)}` },
      ],
      finishReason: { unified: "stop", raw: "stop" },
      usage: {
        inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: 1, text: 1, reasoning: 0 },
      },
      warnings: [],
    }),
  });
}

const wrap = (m: MockLanguageModelV4) =>
  wrapLanguageModel({ model: m, middleware: redactionMiddleware(createRedactor([KEY])) });

describe("redactionMiddleware", () => {
  it("removes a key spelled over many small deltas from answer and reasoning, live and in the result", async () => {
    const reasoning = `The user pasted ${KEY} earlier.`;
    const answer = `Your key is ${KEY}, its tail ${KEY.slice(-8)}, masked ****${KEY.slice(-4)}. Done.`;
    const result = streamText({
      model: wrap(
        model([
          { type: "stream-start", warnings: [] },
          { type: "reasoning-start", id: "r" },
          ...spelled("reasoning-delta", "r", reasoning, 3),
          { type: "reasoning-end", id: "r" },
          { type: "text-start", id: "t" },
          ...spelled("text-delta", "t", answer, 2),
          { type: "text-end", id: "t" },
          {
            type: "finish",
            finishReason: { unified: "stop", raw: "stop" },
            usage: {
              inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
              outputTokens: { total: 1, text: 1, reasoning: 0 },
            },
          },
        ]),
      ),
      prompt: "hi",
    });
    let live = "";
    for await (const part of result.fullStream) {
      if (part.type === "text-delta" || part.type === "reasoning-delta") live += part.text;
    }
    expect(await result.text).toBe(
      `Your key is ${REDACTED}, its tail ${REDACTED}, masked ${REDACTED}. Done.`,
    );
    expect(await result.reasoningText).toBe(`The user pasted ${REDACTED} earlier.`);
    for (let i = 0; i + 6 <= KEY.length; i++) expect(live).not.toContain(KEY.slice(i, i + 6));
    expect(live).not.toContain(KEY.slice(-4));
  });

  it("redacts a generated (non-streaming) answer too", async () => {
    const { text, reasoningText } = await generateText({ model: wrap(model([])), prompt: "hi" });
    expect(text).toBe(`Key: ${REDACTED}`);
    expect(reasoningText).toBe(`I saw ${REDACTED}`);
  });
});
