import { type ChatBody, reasoningOf, textOf } from "./app-api";
import { FAKE_KEYS, PRESET_MODELS } from "./env";
import { providerErrors } from "./fake-provider/client";
import { expect, nth, test } from "./fixtures";

/** A valid POST /api/chat body for AI/ML API (the default provider), to be spoiled by each case. */
function validBody(uid: string, text: string): ChatBody & { message: { id: string; text: string } } {
  return {
    conversationId: `api-${uid}`,
    trigger: "submit",
    message: { id: `u-${uid}`, text },
    providerId: "aimlapi",
    modelId: PRESET_MODELS.aimlapi,
    params: { temperature: 0.5, maxTokens: 300 },
  };
}

test.describe("POST /api/chat", () => {
  test("streams reasoning, then the answer, then metadata, and stores both messages", async ({
    api,
    fake,
    uid,
  }) => {
    const reasoning = `API reasoning ${uid} goes here.`; // 5 words
    const answer = `API answer ${uid} is this.`; // 5 words
    await fake.script({ reasoning, answer });
    const body = validBody(uid, fake.message(`API question ${uid}`));
    const stream = await api.chat(body);

    expect(stream.done).toBe(true);
    const types = stream.chunks.map((c) => c.type);
    expect(types[0]).toBe("start");
    expect(types).toContain("finish");
    expect(types).not.toContain("error");
    expect(types.indexOf("reasoning-delta")).toBeGreaterThanOrEqual(0);
    expect(types.indexOf("text-delta")).toBeGreaterThan(types.lastIndexOf("reasoning-delta"));
    expect(stream.reasoning).toBe(reasoning);
    expect(stream.text).toBe(answer);
    expect(stream.metadata).toMatchObject({
      providerId: "aimlapi",
      modelId: PRESET_MODELS.aimlapi,
      status: "complete",
      finishReason: "stop",
      paramsSent: { temperature: 0.5, max_tokens: 300 },
      usage: { completionTokens: 10, reasoningTokens: 5 },
    });
    expect(Object.keys(stream.metadata.paramsSent ?? {}).sort()).toEqual(["max_tokens", "temperature"]);

    const req = nth(await fake.expectChatRequests(1), 0);
    expect(req.prefix).toBe("aimlapi");
    expect(req.headers.authorization).toBe(`Bearer ${FAKE_KEYS.aimlapi}`);
    const sent = req.body;
    expect(sent.model).toBe(PRESET_MODELS.aimlapi);
    expect(sent.stream).toBe(true);
    expect(sent.stream_options).toMatchObject({ include_usage: true });
    expect(sent.temperature).toBe(0.5);
    expect(sent.max_tokens).toBe(300);
    for (const absent of ["top_p", "frequency_penalty", "presence_penalty", "stop", "seed"]) {
      expect(Object.keys(sent)).not.toContain(absent);
    }

    const conv = await api.conversation(body.conversationId);
    expect(conv.providerId).toBe("aimlapi");
    expect(conv.messages).toHaveLength(2);
    expect(conv.messages[0]).toMatchObject({ id: body.message.id, role: "user" });
    expect(textOf(nth(conv.messages, 0))).toBe(body.message.text);
    expect(reasoningOf(nth(conv.messages, 1))).toBe(reasoning);
    expect(textOf(nth(conv.messages, 1))).toBe(answer);
    expect(nth(conv.messages, 1).metadata).toMatchObject({
      status: "complete",
      paramsSent: { temperature: 0.5 },
    });
  });

  test("with no parameter set, no sampling field is sent (absent means unset)", async ({
    api,
    fake,
    uid,
  }) => {
    await fake.script({ answer: `Bare ${uid}.` });
    const body = { ...validBody(uid, fake.message(`Bare question ${uid}`)), params: {} };
    const stream = await api.chat(body);
    expect(stream.metadata.status).toBe("complete");
    const req = nth(await fake.expectChatRequests(1), 0);
    const wire = [
      "temperature",
      "top_p",
      "max_tokens",
      "frequency_penalty",
      "presence_penalty",
      "stop",
      "seed",
    ];
    for (const absent of wire) {
      expect(Object.keys(req.body)).not.toContain(absent);
      expect(Object.keys(stream.metadata.paramsSent ?? {})).not.toContain(absent);
    }
    expect(req.body.stream_options).toMatchObject({ include_usage: true });
  });

  test("regenerate answers the last user message again and replaces the answer", async ({
    api,
    fake,
    uid,
  }) => {
    await fake.script([{ answer: `Take one ${uid}.` }, { answer: `Take two ${uid}.` }]);
    const body = validBody(uid, fake.message(`Regenerate me ${uid}`));
    expect((await api.chat(body)).text).toBe(`Take one ${uid}.`);
    const again = await api.chat({ ...body, trigger: "regenerate", message: undefined });
    expect(again.text).toBe(`Take two ${uid}.`);
    const conv = await api.conversation(body.conversationId);
    expect(conv.messages.map((m) => [m.role, textOf(m)])).toEqual([
      ["user", body.message.text],
      ["assistant", `Take two ${uid}.`],
    ]);
  });

  for (const [label, scenario, status, providerMessage] of [
    ["401", providerErrors.auth401(), 401, /Authentication Fails, Your api key: \*{4}(abcd)? is invalid/],
    ["429", providerErrors.rateLimit429(3), 429, /Rate limit reached for requests/],
    ["402", providerErrors.insufficientBalance402(), 402, /Insufficient Balance/],
    ["503", providerErrors.serverBusy503(), 503, /Server is busy/],
  ] as const) {
    test(`a provider ${label} ends the stream normally with an error status, not an SDK error chunk`, async ({
      api,
      fake,
      uid,
    }) => {
      await fake.script(scenario);
      const body = validBody(uid, fake.message(`Failing ${uid}`));
      const stream = await api.chat(body);
      expect(stream.done).toBe(true);
      expect(stream.chunks.map((c) => c.type)).not.toContain("error");
      expect(stream.metadata.status).toBe("error");
      expect(stream.metadata.error?.message).toMatch(providerMessage);
      expect(stream.metadata.error?.statusCode).toBe(status);

      const conv = await api.conversation(body.conversationId);
      expect(conv.messages.map((m) => [m.role, m.metadata?.status])).toEqual([
        ["user", undefined],
        ["assistant", "error"],
      ]);
      expect(textOf(nth(conv.messages, 0))).toBe(body.message.text);
    });
  }
});

test.describe("POST /api/chat refuses invalid bodies with 400 and stores nothing", () => {
  const cases: Array<{ name: string; spoil: (b: ChatBody) => unknown; field: RegExp; mentions: string }> = [
    {
      name: "temperature 3",
      spoil: (b) => ({ ...b, params: { ...b.params, temperature: 3 } }),
      field: /^params\.temperature$/,
      mentions: "emperature",
    },
    {
      name: "top_p -1",
      spoil: (b) => ({ ...b, params: { ...b.params, topP: -1 } }),
      field: /^params\.topP$/,
      mentions: "Top P",
    },
    {
      name: "an unknown parameter",
      spoil: (b) => ({ ...b, params: { ...b.params, topK: 40 } }),
      field: /^params/,
      mentions: "topK",
    },
    {
      name: "an empty message",
      spoil: (b) => ({ ...b, message: { ...b.message, text: "   " } }),
      field: /^message\.text$/,
      mentions: "message.text",
    },
    {
      name: "5 stop sequences",
      spoil: (b) => ({ ...b, params: { ...b.params, stop: ["a", "b", "c", "d", "e"] } }),
      field: /^params\.stop$/,
      mentions: "4",
    },
    {
      name: "seed 0 on AI/ML API (needs >= 1)",
      spoil: (b) => ({ ...b, params: { ...b.params, seed: 0 } }),
      field: /^params\.seed$/,
      mentions: "1",
    },
    {
      name: "top_p 0.005 on AI/ML API (needs >= 0.01)",
      spoil: (b) => ({ ...b, params: { ...b.params, topP: 0.005 } }),
      field: /^params\.topP$/,
      mentions: "0.01",
    },
    {
      name: "an unknown provider",
      spoil: (b) => ({ ...b, providerId: "openai" }),
      field: /^providerId$/,
      mentions: "providerId",
    },
    {
      name: "an unknown top-level key",
      spoil: (b) => ({ ...b, stream: true }),
      field: /.*/,
      mentions: "stream",
    },
  ];

  for (const c of cases) {
    test(c.name, async ({ api, fake, uid }) => {
      const body = validBody(uid, fake.message(`Should not be sent ${uid}`));
      const res = await api.postChat(c.spoil(body));
      expect(res.status()).toBe(400);
      expect(res.headers()["content-type"]).toContain("application/json");
      const json = (await res.json()) as {
        error: {
          code: string;
          message: string;
          field: string;
          issues: Array<{ field: string; message: string }>;
        };
      };
      expect(json.error.code).toBe("invalid_request");
      expect(json.error.message).not.toBe("");
      expect(json.error.field).toMatch(c.field);
      expect(json.error.issues.length).toBeGreaterThan(0);
      expect(JSON.stringify(json.error)).toContain(c.mentions);

      expect((await api.conversationResponse(body.conversationId)).status()).toBe(404);
      expect(await fake.chatRequests()).toHaveLength(0);
    });
  }
});
