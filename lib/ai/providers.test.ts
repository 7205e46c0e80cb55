import { streamText } from "ai";
import { describe, expect, it } from "vitest";
import { openTestAppDb } from "@/lib/testing/app-db";

// Providers are read from the database (keys and providers set in /settings): an empty one, in memory.
await openTestAppDb("providers", { memory: true });
const { OFFLINE_MODEL_ID } = await import("./offline");
const { languageModel, withRequestBodyListener } = await import("./providers");

describe("languageModel", () => {
  it("is built once per provider+model", () => {
    expect(languageModel("offline", OFFLINE_MODEL_ID)).toBe(languageModel("offline", OFFLINE_MODEL_ID));
    expect(languageModel("offline", "another")).not.toBe(languageModel("offline", OFFLINE_MODEL_ID));
  });

  it("reports each request's own body to that request's listener, with concurrent requests on one model", async () => {
    const model = languageModel("offline", OFFLINE_MODEL_ID);
    const run = async (temperature: number) => {
      const bodies: Record<string, unknown>[] = [];
      const result = withRequestBodyListener(
        (body) => bodies.push(body),
        () =>
          streamText({
            model,
            messages: [
              { role: "user", content: "Hello" },
              {
                role: "assistant",
                content: [
                  { type: "reasoning", text: "earlier thoughts" },
                  { type: "text", text: "Hi" },
                ],
              },
              { role: "user", content: "Tell me about the tides." },
            ],
            temperature,
            maxOutputTokens: 20,
          }),
      );
      for await (const part of result.stream) if (part.type === "error") throw part.error;
      return bodies;
    };
    const [a, b] = await Promise.all([run(0.1), run(0.9)]);
    expect(a.map((body) => body.temperature)).toEqual([0.1]);
    expect(b.map((body) => body.temperature)).toEqual([0.9]);
    // Earlier turns' reasoning is never sent back.
    expect(JSON.stringify(a[0]?.messages)).not.toContain("earlier thoughts");
  });
});
