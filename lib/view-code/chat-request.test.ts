import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { streamText } from "ai";
import { describe, expect, it } from "vitest";
import type { MessageRow } from "@/db/schema";
import { toCallSettings } from "@/lib/chat/call-settings";
import { toModelMessages } from "@/lib/chat/history";
import type { GenerationParams } from "@/lib/params";
import { buildChatCompletionBody, wireSampling } from "./chat-request";

const SSE = [
  `data: ${JSON.stringify({ id: "1", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { role: "assistant", content: "ok" }, finish_reason: "stop" }] })}`,
  `data: ${JSON.stringify({ id: "1", object: "chat.completion.chunk", created: 1, model: "m", choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } })}`,
  "data: [DONE]",
  "",
].join("\n\n");

/** The body the AI SDK sends for a turn, the way lib/chat/run-chat.ts calls it (the same provider options). */
async function bodySentBySdk(modelId: string, params: GenerationParams, rows: MessageRow[]): Promise<string> {
  let sent = "";
  const provider = createOpenAICompatible({
    name: "test",
    baseURL: "http://provider.test/v1",
    apiKey: "k",
    includeUsage: true,
    fetch: async (_url, init) => {
      sent = String(init?.body);
      return new Response(SSE, { headers: { "content-type": "text/event-stream" } });
    },
  });
  const result = streamText({
    model: provider.chatModel(modelId),
    messages: toModelMessages(rows),
    ...toCallSettings(params),
    maxRetries: 0,
  });
  await result.consumeStream();
  return sent;
}

const row = (seq: number, role: "user" | "assistant", content: string, reasoning?: string) =>
  ({ id: `m${seq}`, seq, role, content, reasoning: reasoning ?? null }) as MessageRow;

const nasty = `He said "hi" \\ 'quoted' $HOME \`cmd\` \n\ttab ✓ 漢字 😀 \u2028 </script>`;

describe("the request body View code shows", () => {
  const cases: [string, GenerationParams, MessageRow[]][] = [
    ["no parameters at all", {}, [row(1, "user", "Hello")]],
    [
      "every parameter, a system prompt and a history with reasoning and an empty answer",
      {
        system: `Be terse. ${nasty}`,
        temperature: 0.7,
        topP: 0.95,
        maxTokens: 8192,
        frequencyPenalty: -0.5,
        presencePenalty: 1.25,
        stop: ["\n\n", "END", nasty],
        seed: 42,
      },
      [
        row(1, "user", "First question"),
        row(2, "assistant", "First answer", "secret thoughts never sent back"),
        row(3, "user", nasty),
        row(4, "assistant", ""),
        row(5, "user", "Again"),
      ],
    ],
    [
      "temperature 0 and seed 0 (falsy values are sent)",
      { temperature: 0, seed: 0, maxTokens: 1 },
      [row(1, "user", "x")],
    ],
  ];

  for (const [name, params, rows] of cases) {
    it(`is byte for byte the body the AI SDK sends: ${name}`, async () => {
      const sent = await bodySentBySdk("vendor/model-1", params, rows);
      const built = buildChatCompletionBody({
        modelId: "vendor/model-1",
        sampling: wireSampling(params),
        system: params.system,
        history: toModelMessages(rows) as { role: "user" | "assistant"; content: string }[],
      });
      expect(JSON.stringify(built)).toBe(sent);
    });
  }

  it("rebuilds an answer's body from its stored paramsSent (what the send path records)", async () => {
    const params: GenerationParams = { temperature: 1.1, stop: ["x"], maxTokens: 100 };
    const rows = [row(1, "user", "Hi")];
    const sent = JSON.parse(await bodySentBySdk("m", params, rows)) as Record<string, unknown>;
    // run-chat.ts stores the body minus messages, model and the stream flags as paramsSent
    const { messages: _m, model: _model, stream: _s, stream_options: _so, ...paramsSent } = sent;
    const built = buildChatCompletionBody({
      modelId: "m",
      sampling: paramsSent,
      history: toModelMessages(rows) as never,
    });
    expect(JSON.stringify(built)).toBe(JSON.stringify(sent));
  });

  it("names every parameter by its wire name and leaves unset ones out", () => {
    expect(wireSampling({ topP: 0.5, frequencyPenalty: 0, system: "s" })).toEqual({
      top_p: 0.5,
      frequency_penalty: 0,
    });
  });
});
