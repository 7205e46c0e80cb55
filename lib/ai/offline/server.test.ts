import { describe, expect, it } from "vitest";
import { createOfflineServer, OFFLINE_MODEL_ID } from ".";
import { tokenize } from "./tokenizer";

const server = createOfflineServer({ tokensPerSecond: 1_000_000 });
const URL = "http://offline.local/v1/chat/completions";

interface Completion {
  content: string;
  reasoning: string;
  finishReason: string;
  usage: {
    prompt_tokens: number;
    completion_tokens: number;
    total_tokens: number;
    completion_tokens_details: { reasoning_tokens: number };
  };
}

function post(body: unknown, init: RequestInit = {}): Promise<Response> {
  return server.chatCompletions(
    new Request(URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
      ...init,
    }),
  );
}

async function complete(prompt: string, params: Record<string, unknown> = {}): Promise<Completion> {
  const res = await post({
    model: OFFLINE_MODEL_ID,
    messages: [{ role: "user", content: prompt }],
    ...params,
  });
  expect(res.status).toBe(200);
  const json = await res.json();
  const choice = json.choices[0];
  return {
    content: choice.message.content,
    reasoning: choice.message.reasoning_content,
    finishReason: choice.finish_reason,
    usage: json.usage,
  };
}

/** Parses an SSE body into its data payloads, checking the framing on the way. */
async function sseData(res: Response): Promise<string[]> {
  const text = await res.text();
  expect(text.endsWith("\n\n")).toBe(true);
  return text
    .slice(0, -2)
    .split("\n\n")
    .map((event) => {
      expect(event.startsWith("data: ")).toBe(true);
      return event.slice("data: ".length);
    });
}

const SEA = "Tell me about whales and the deep sea.";
const BREAD = "How do I bake bread at home?";

function distinctRatio(text: string): number {
  const tokens = tokenize(text);
  return new Set(tokens).size / tokens.length;
}

describe("sampling parameters", () => {
  it("is deterministic at temperature 0", async () => {
    const a = await complete(SEA, { temperature: 0 });
    const b = await complete(SEA, { temperature: 0 });
    expect(a.content.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it("reproduces a seed and varies across seeds at temperature 1", async () => {
    const a = await complete(SEA, { temperature: 1, seed: 7 });
    const b = await complete(SEA, { temperature: 1, seed: 7 });
    const c = await complete(SEA, { temperature: 1, seed: 8 });
    expect(b).toEqual(a);
    expect(c.content).not.toEqual(a.content);
  });

  it("gives more varied, more chaotic text at temperature 1.5 than at 0", async () => {
    const cold = await complete(SEA, { temperature: 0, max_tokens: 200 });
    const hot = await complete(SEA, { temperature: 1.5, seed: 1, max_tokens: 200 });
    expect(hot.content).not.toEqual(cold.content);
    expect(distinctRatio(hot.reasoning + hot.content)).toBeGreaterThan(
      distinctRatio(cold.reasoning + cold.content) + 0.15,
    );
  });

  it("answers different prompts differently, on their topic", async () => {
    const sea = await complete(SEA, { temperature: 0 });
    const bread = await complete(BREAD, { temperature: 0 });
    expect(sea.content).not.toEqual(bread.content);
    expect(sea.reasoning).toMatch(/^The user asks about whales/);
    expect(bread.reasoning).toMatch(/^The user asks about bread/);
    expect(sea.content).toMatch(/\bsea\b/);
    expect(bread.content).toMatch(/\b(salt|bread|flour|kitchen|cook)/);
  });

  it("cuts the answer before a stop string (across tokens) with finish_reason stop", async () => {
    const full = await complete(BREAD, { temperature: 0 });
    const words = tokenize(full.content);
    const stop = `${words[6]} ${words[7]}`;
    expect(full.content).toContain(stop);
    const cut = await complete(BREAD, { temperature: 0, stop: [stop, "zzz"] });
    expect(cut.finishReason).toBe("stop");
    expect(cut.content).toBe(full.content.slice(0, full.content.indexOf(stop)));
    expect(cut.content).not.toContain(stop);
    expect(cut.reasoning).toBe(full.reasoning);

    const streamed = await post({
      model: OFFLINE_MODEL_ID,
      messages: [{ role: "user", content: BREAD }],
      temperature: 0,
      stop,
      stream: true,
    });
    const chunks = (await sseData(streamed)).slice(0, -1).map((d) => JSON.parse(d).choices[0]);
    expect(chunks.map((c) => c.delta.content ?? "").join("")).toBe(cut.content);
    expect(chunks.at(-1).finish_reason).toBe("stop");
  });

  it("does not apply stop strings to the reasoning", async () => {
    const res = await complete(SEA, { temperature: 0, stop: "The user asks" });
    expect(res.reasoning).toContain("The user asks");
  });

  it("caps reasoning + answer at max_tokens with finish_reason length", async () => {
    const res = await complete(SEA, { temperature: 1, seed: 3, max_tokens: 90 });
    expect(res.finishReason).toBe("length");
    expect(res.usage.completion_tokens).toBe(90);
    expect(res.usage.total_tokens).toBe(res.usage.prompt_tokens + 90);
    const reasoningTokens = res.usage.completion_tokens_details.reasoning_tokens;
    expect(tokenize(res.reasoning)).toHaveLength(reasoningTokens);
    expect(tokenize(res.content)).toHaveLength(90 - reasoningTokens);
  });

  it("accepts max_completion_tokens as an alias", async () => {
    const res = await complete(SEA, { max_completion_tokens: 12 });
    expect(res.usage.completion_tokens).toBe(12);
  });

  it("can spend a tiny budget entirely on reasoning, leaving an empty answer", async () => {
    const res = await complete(SEA, { max_tokens: 5 });
    expect(res).toMatchObject({
      content: "",
      reasoning: "The user asks about whales",
      finishReason: "length",
    });
    expect(res.usage.completion_tokens_details.reasoning_tokens).toBe(5);
  });

  it("ends unconstrained answers at a sentence boundary with finish_reason stop", async () => {
    const res = await complete(BREAD, { temperature: 1, seed: 11 });
    expect(res.finishReason).toBe("stop");
    expect(res.content).toMatch(/[.!?]$/);
    expect(tokenize(res.content).length).toBeGreaterThanOrEqual(60);
  });

  it("reduces repetition with presence and frequency penalties", async () => {
    const plain = await complete(SEA, { temperature: 0, max_tokens: 150 });
    const penalized = await complete(SEA, {
      temperature: 0,
      max_tokens: 150,
      presence_penalty: 2,
      frequency_penalty: 2,
    });
    const before = distinctRatio(plain.reasoning + plain.content);
    const after = distinctRatio(penalized.reasoning + penalized.content);
    expect(after).toBeGreaterThan(before + 0.2);
  });
});

describe("wire format", () => {
  it("streams DeepSeek-style SSE chunks: reasoning first, then content, finish, usage, [DONE]", async () => {
    const res = await post({
      model: OFFLINE_MODEL_ID,
      messages: [{ role: "user", content: SEA }],
      stream: true,
      stream_options: { include_usage: true },
      seed: 5,
    });
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const data = await sseData(res);
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    const id = chunks[0].id;
    expect(id).toMatch(/^chatcmpl-/);
    for (const c of chunks) {
      expect(c).toMatchObject({ id, object: "chat.completion.chunk", model: OFFLINE_MODEL_ID });
      expect(typeof c.created).toBe("number");
      expect(typeof c.system_fingerprint).toBe("string");
    }
    expect(chunks[0].choices[0]).toEqual({
      index: 0,
      delta: { role: "assistant", content: null, reasoning_content: "" },
      logprobs: null,
      finish_reason: null,
    });

    const usageChunk = chunks.at(-1);
    const finalChunk = chunks.at(-2);
    const deltas = chunks.slice(1, -2);
    expect(usageChunk.choices).toEqual([]);
    expect(finalChunk.choices[0]).toMatchObject({ finish_reason: "stop", logprobs: null });
    expect(finalChunk.usage).toBeNull();

    const kinds = deltas.map((c) => {
      const d = c.choices[0].delta;
      expect(c.usage).toBeNull();
      expect(c.choices[0]).toMatchObject({ logprobs: null, finish_reason: null });
      if (d.content === null) {
        expect(typeof d.reasoning_content).toBe("string");
        return "reasoning";
      }
      expect(d.reasoning_content).toBeNull();
      return "content";
    });
    const firstContent = kinds.indexOf("content");
    expect(firstContent).toBeGreaterThan(0);
    expect(kinds.slice(firstContent)).not.toContain("reasoning");

    const reasoning = deltas.slice(0, firstContent).map((c) => c.choices[0].delta.reasoning_content);
    const content = deltas.slice(firstContent).map((c) => c.choices[0].delta.content);
    expect(reasoning.join("")).toMatch(/^The user asks about whales/);
    expect(usageChunk.usage).toMatchObject({
      prompt_tokens: tokenize(SEA).length,
      completion_tokens: reasoning.length + content.length,
      total_tokens: tokenize(SEA).length + reasoning.length + content.length,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: reasoning.length },
      prompt_cache_hit_tokens: 0,
      prompt_cache_miss_tokens: tokenize(SEA).length,
    });
  });

  it("omits the usage chunk unless include_usage is set", async () => {
    const res = await post({
      model: OFFLINE_MODEL_ID,
      messages: [{ role: "user", content: SEA }],
      stream: true,
    });
    const data = await sseData(res);
    const last = JSON.parse(data.at(-2) ?? "");
    expect(last.choices[0].finish_reason).toBe("stop");
  });

  it("returns a chat.completion object without stream", async () => {
    const res = await post({
      model: OFFLINE_MODEL_ID,
      messages: [{ role: "user", content: SEA }],
      max_tokens: 3,
    });
    expect(await res.json()).toMatchObject({
      id: expect.stringMatching(/^chatcmpl-/),
      object: "chat.completion",
      model: OFFLINE_MODEL_ID,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "", reasoning_content: "The user asks" },
          logprobs: null,
          finish_reason: "length",
        },
      ],
      usage: { completion_tokens: 3, completion_tokens_details: { reasoning_tokens: 3 } },
    });
  });

  it("lists the model", async () => {
    expect(await server.models().json()).toEqual({
      object: "list",
      data: [
        {
          id: OFFLINE_MODEL_ID,
          object: "model",
          created: expect.any(Number),
          owned_by: "speciale-playground",
        },
      ],
    });
  });

  it("accepts text-part arrays, system prompts, past reasoning_content and unknown fields", async () => {
    const res = await post({
      model: OFFLINE_MODEL_ID,
      messages: [
        { role: "system", content: "You are a gardener." },
        { role: "user", content: [{ type: "text", text: "Hi" }] },
        { role: "assistant", content: "Hello.", reasoning_content: "Greet back." },
        { role: "user", content: [{ type: "text", text: "What about tomatoes?" }] },
      ],
      user: "someone",
      stream_options: { include_usage: true },
      max_tokens: 8,
    });
    expect(res.status).toBe(200);
    expect((await res.json()).choices[0].message.reasoning_content).toMatch(/^The user asks about tomatoes/);
  });
});

describe("validation", () => {
  const messages = [{ role: "user", content: "hi" }];
  const cases: [string, unknown, string | null, string][] = [
    ["temperature above 2", { temperature: 2.5 }, "temperature", "invalid_value"],
    ["negative temperature", { temperature: -0.1 }, "temperature", "invalid_value"],
    ["top_p above 1", { top_p: 1.2 }, "top_p", "invalid_value"],
    ["frequency_penalty below -2", { frequency_penalty: -3 }, "frequency_penalty", "invalid_value"],
    ["presence_penalty above 2", { presence_penalty: 2.1 }, "presence_penalty", "invalid_value"],
    ["zero max_tokens", { max_tokens: 0 }, "max_tokens", "invalid_value"],
    ["fractional max_tokens", { max_tokens: 1.5 }, "max_tokens", "invalid_type"],
    ["five stop strings", { stop: ["a", "b", "c", "d", "e"] }, "stop", "invalid_value"],
    ["string temperature", { temperature: "hot" }, "temperature", "invalid_type"],
    ["empty messages", { messages: [] }, "messages", "invalid_value"],
    ["missing messages", { messages: undefined }, "messages", "missing_required_parameter"],
    ["unknown role", { messages: [{ role: "robot", content: "x" }] }, "messages[0].role", "invalid_value"],
    [
      "image content",
      { messages: [{ role: "user", content: [{ type: "image_url" }] }] },
      "messages[0].content",
      "invalid_value",
    ],
  ];

  it.each(cases)("rejects %s with 400", async (_, patch, param, code) => {
    const res = await post({ model: OFFLINE_MODEL_ID, messages, ...(patch as object) });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toEqual({
      error: { message: expect.any(String), type: "invalid_request_error", param, code },
    });
    if (param) expect(body.error.message).toContain(param.replace(/\[.*$/, ""));
  });

  it("rejects malformed JSON with 400", async () => {
    const res = await post("{not json");
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ type: "invalid_request_error", code: "invalid_json" });
  });

  it("rejects an unknown model with 404 model_not_found", async () => {
    const res = await post({ model: "gpt-x", messages });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: {
        message: "The model `gpt-x` does not exist",
        type: "invalid_request_error",
        param: "model",
        code: "model_not_found",
      },
    });
  });
});

describe("pace and cancellation", () => {
  it("emits tokens at the configured pace", async () => {
    const slow = createOfflineServer({ tokensPerSecond: 200 });
    const started = performance.now();
    const res = await slow.chatCompletions(
      new Request(URL, {
        method: "POST",
        body: JSON.stringify({
          model: OFFLINE_MODEL_ID,
          messages: [{ role: "user", content: SEA }],
          max_tokens: 30,
        }),
      }),
    );
    await res.json();
    // 30 tokens at 200/s take 150 ms
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("stops streaming when the request is aborted: at most the chunk already queued, then AbortError", async () => {
    // Counted in chunks, not milliseconds: a loaded machine makes every step slower but the count exact.
    const slow = createOfflineServer({ tokensPerSecond: 50 });
    const controller = new AbortController();
    const res = await slow.chatCompletions(
      new Request(URL, {
        method: "POST",
        body: JSON.stringify({
          model: OFFLINE_MODEL_ID,
          messages: [{ role: "user", content: SEA }],
          stream: true,
        }),
        signal: controller.signal,
      }),
    );
    const reader = res.body?.getReader();
    if (!reader) throw new Error("no body");
    for (let i = 0; i < 3; i++) expect((await reader.read()).done).toBe(false);
    controller.abort();
    let afterAbort = 0;
    const drained = (async () => {
      for (;;) {
        const { done } = await reader.read();
        if (done) return;
        afterAbort++;
      }
    })();
    await expect(drained).rejects.toMatchObject({ name: "AbortError" });
    // The whole answer is hundreds of chunks; the stream's queue holds at most one.
    expect(afterAbort).toBeLessThanOrEqual(1);
  });

  it("stops generating when the reader cancels", async () => {
    const slow = createOfflineServer({ tokensPerSecond: 50 });
    const res = await slow.chatCompletions(
      new Request(URL, {
        method: "POST",
        body: JSON.stringify({
          model: OFFLINE_MODEL_ID,
          messages: [{ role: "user", content: SEA }],
          stream: true,
        }),
      }),
    );
    const reader = res.body?.getReader();
    if (!reader) throw new Error("no body");
    expect((await reader.read()).done).toBe(false);
    // A read already pending gets the chunk queued before the cancel, if any; after that the stream is done.
    const pending = reader.read();
    await reader.cancel();
    let afterCancel = (await pending).done ? 0 : 1;
    while (!(await reader.read()).done) afterCancel++;
    expect(afterCancel).toBeLessThanOrEqual(1);
  });
});
