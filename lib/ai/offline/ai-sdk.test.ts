import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { generateText, streamText } from "ai";
import { describe, expect, it } from "vitest";
import { createOfflineServer, OFFLINE_MODEL_ID } from ".";

function provider(tokensPerSecond: number) {
  const server = createOfflineServer({ tokensPerSecond });
  return createOpenAICompatible({
    name: "offline",
    baseURL: "http://offline.local/v1",
    fetch: server.fetch,
    includeUsage: true,
  });
}

describe("AI SDK end to end", () => {
  it("streams reasoning then text through createOpenAICompatible + streamText", async () => {
    const result = streamText({
      model: provider(1_000_000)(OFFLINE_MODEL_ID),
      instructions: "You are a sailor.",
      messages: [{ role: "user", content: "Tell me about the tides and the Moon." }],
      temperature: 0.7,
      seed: 2,
      maxOutputTokens: 400,
    });
    let reasoning = "";
    let text = "";
    const order: string[] = [];
    for await (const part of result.stream) {
      if (part.type === "reasoning-delta") reasoning += part.text;
      if (part.type === "text-delta") text += part.text;
      if (part.type === "error") throw part.error;
      if (order.at(-1) !== part.type) order.push(part.type);
    }
    expect(reasoning).toMatch(/^The user asks about tides and Moon\./);
    expect(text.length).toBeGreaterThan(0);
    expect(order.indexOf("reasoning-delta")).toBeLessThan(order.indexOf("text-delta"));
    expect(await result.finishReason).toBe("stop");
    const usage = await result.usage;
    expect(usage.outputTokenDetails.reasoningTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBeGreaterThan(usage.outputTokenDetails.reasoningTokens ?? 0);
  });

  it("maps maxOutputTokens and stop sequences, and works without streaming", async () => {
    const result = await generateText({
      model: provider(1_000_000)(OFFLINE_MODEL_ID),
      prompt: "How do I bake bread at home?",
      temperature: 0,
      maxOutputTokens: 40,
    });
    expect(result.finishReason).toBe("length");
    expect(result.usage.outputTokens).toBe(40);
    expect(result.reasoningText).toMatch(/^The user asks about bread/);
  });

  it("stops cleanly when the caller aborts mid-stream", async () => {
    const controller = new AbortController();
    const result = streamText({
      model: provider(100)(OFFLINE_MODEL_ID),
      prompt: "Tell me about the sea.",
      abortSignal: controller.signal,
    });
    const parts: string[] = [];
    let abortedAt = 0;
    for await (const part of result.stream) {
      parts.push(part.type);
      if (!abortedAt && parts.filter((p) => p === "reasoning-delta").length === 3) {
        abortedAt = performance.now();
        controller.abort();
      }
    }
    expect(parts).toContain("abort");
    expect(parts).not.toContain("text-delta");
    // a full answer takes seconds at 100 tokens/s
    expect(performance.now() - abortedAt).toBeLessThan(500);
  });
});
