import { FAKE_KEYS, PRESET_MODELS } from "./env";
import { type ChatRequestBody, wireText } from "./fake-provider/client";
import { expect, nth, test } from "./fixtures";

const WIRE_SAMPLING = [
  "temperature",
  "top_p",
  "max_tokens",
  "frequency_penalty",
  "presence_penalty",
  "stop",
  "seed",
];

/** The sampling fields present in a provider request body. */
function sampling(body: ChatRequestBody | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of WIRE_SAMPLING) if (body && k in body) out[k] = body[k];
  return out;
}

test.describe("generation parameters", () => {
  test("panel values reach the provider exactly, unset ones are absent, and past reasoning is not sent back", async ({
    chat,
    fake,
    api,
    uid,
  }) => {
    const secretReasoning = `Private chain of thought ${uid} that must never be sent back.`;
    await fake.script([
      { reasoning: secretReasoning, answer: `First reply ${uid}.` },
      { reasoning: `Other thoughts ${uid}.`, answer: `Second reply ${uid}.` },
    ]);
    await chat.goto();
    await chat.selectModel("atlascloud", PRESET_MODELS.atlascloud);
    await chat.setParams({
      system: `You are terse ${uid}.`,
      temperature: "0.3",
      topP: "0.9",
      maxTokens: "512",
      frequencyPenalty: "",
      presencePenalty: "",
      seed: "42",
      stop: "END\n###",
    });
    const first = fake.message(`First turn ${uid}`);
    await chat.send(first);
    await chat.waitForIdle();
    await expect(chat.lastAssistant().root).toContainText(`First reply ${uid}.`);

    const r1 = nth(await fake.expectChatRequests(1), 0);
    expect(r1.prefix).toBe("atlascloud");
    expect(r1.path).toBe("/v1/chat/completions");
    expect(r1.headers.authorization).toBe(`Bearer ${FAKE_KEYS.atlascloud}`);
    const b1 = r1.body;
    expect(b1?.model).toBe(PRESET_MODELS.atlascloud);
    expect(b1?.stream).toBe(true);
    expect(b1?.stream_options?.include_usage).toBe(true);
    expect(sampling(b1)).toEqual({
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 512,
      seed: 42,
      stop: ["END", "###"],
    });
    expect(b1?.messages?.map((m) => ({ role: m.role, text: wireText(m) }))).toEqual([
      { role: "system", text: `You are terse ${uid}.` },
      { role: "user", text: first },
    ]);

    // Second turn with other settings: cleared ones must disappear from the request.
    await chat.setParams({
      temperature: "",
      frequencyPenalty: "0.5",
      presencePenalty: "-0.5",
      seed: "",
      stop: "",
    });
    const second = fake.message(`Second turn ${uid}`);
    await chat.send(second);
    await chat.waitForIdle();
    await expect(chat.lastAssistant().root).toContainText(`Second reply ${uid}.`);

    const r2 = nth(await fake.expectChatRequests(2), 1);
    const b2 = r2.body;
    expect(sampling(b2)).toEqual({
      top_p: 0.9,
      max_tokens: 512,
      frequency_penalty: 0.5,
      presence_penalty: -0.5,
    });
    const msgs = b2?.messages ?? [];
    expect(msgs.map((m) => ({ role: m.role, text: wireText(m) }))).toEqual([
      { role: "system", text: `You are terse ${uid}.` },
      { role: "user", text: first },
      { role: "assistant", text: `First reply ${uid}.` },
      { role: "user", text: second },
    ]);
    for (const m of msgs) {
      expect(Object.keys(m)).not.toContain("reasoning_content");
      expect(Object.keys(m)).not.toContain("reasoning");
    }
    expect(JSON.stringify(msgs)).not.toContain("Private chain of thought");

    // Each answer keeps the parameters it was generated with.
    const conv = await api.settledConversation(await chat.conversationId());
    const assistants = conv.messages.filter((m) => m.role === "assistant");
    expect(assistants.map((m) => m.metadata?.params)).toEqual([
      {
        system: `You are terse ${uid}.`,
        temperature: 0.3,
        topP: 0.9,
        maxTokens: 512,
        seed: 42,
        stop: ["END", "###"],
      },
      {
        system: `You are terse ${uid}.`,
        topP: 0.9,
        maxTokens: 512,
        frequencyPenalty: 0.5,
        presencePenalty: -0.5,
      },
    ]);
  });

  test("an untouched panel sends the defaults: temperature 0.7 and max_tokens 8192", async ({
    chat,
    fake,
    uid,
  }) => {
    await fake.script({ answer: `Default reply ${uid}.` });
    await chat.goto();
    await expect(chat.param("temperature")).toHaveValue("0.7");
    await expect(chat.param("maxTokens")).toHaveValue("8192");
    for (const name of ["topP", "frequencyPenalty", "presencePenalty", "seed"] as const) {
      await expect(chat.param(name)).toHaveValue("");
    }
    await chat.send(fake.message(`Defaults ${uid}`));
    await chat.waitForIdle();
    const req = nth(await fake.expectChatRequests(1), 0);
    expect(req.prefix).toBe("aimlapi");
    expect(req.body.model).toBe(PRESET_MODELS.aimlapi);
    expect(sampling(req.body)).toEqual({ temperature: 0.7, max_tokens: 8192 });
    expect(req.body.stream_options).toMatchObject({ include_usage: true });
  });

  test("invalid values are refused in the panel until fixed", async ({ chat, uid }) => {
    await chat.goto();
    await chat.selectModel("aimlapi", PRESET_MODELS.aimlapi);
    await chat.composer.fill(`Not sent ${uid}`);
    await expect(chat.sendButton).toBeEnabled();

    await chat.param("temperature").fill("3");
    await expect(chat.param("temperature")).toHaveAttribute("aria-invalid", "true");
    await expect(chat.sendButton).toBeDisabled();
    await chat.param("temperature").fill("1");
    await expect(chat.param("temperature")).not.toHaveAttribute("aria-invalid", "true");
    await expect(chat.sendButton).toBeEnabled();

    // AI/ML API needs top_p >= 0.01.
    await chat.param("topP").fill("0.001");
    await expect(chat.param("topP")).toHaveAttribute("aria-invalid", "true");
    await expect(chat.sendButton).toBeDisabled();
    await chat.param("topP").fill("");
    await expect(chat.sendButton).toBeEnabled();

    await chat.param("stop").fill("a\nb\nc\nd\ne");
    await expect(chat.param("stop")).toHaveAttribute("aria-invalid", "true");
    await expect(chat.sendButton).toBeDisabled();
    await chat.param("stop").fill("a\nb");
    await expect(chat.sendButton).toBeEnabled();
    await expect(chat.userArticles).toHaveCount(0);
  });

  test("the panel names the parameters DeepSeek's thinking mode ignores", async ({ chat, page }) => {
    await chat.goto();
    await chat.selectModel("deepseek", PRESET_MODELS.deepseek);
    const note = page.getByText(/ignores:[^.]*\btemperature\b/i);
    await expect(note.first()).toBeVisible();
    await expect(note.first()).toContainText(/top_p/);
    await chat.selectModel("atlascloud", PRESET_MODELS.atlascloud);
    await expect(note).toHaveCount(0);
  });

  test("a model listed by a custom OpenAI-compatible server can be chosen and is used", async ({
    chat,
    fake,
    uid,
  }) => {
    await fake.script({ answer: `Plain chat reply ${uid}.` });
    await chat.goto();
    await expect(chat.modelSelect.locator("option", { hasText: "fake-reasoner" })).toHaveCount(1);
    await chat.selectModel("custom", "fake-chat");
    await chat.send(fake.message(`Plain question ${uid}`));
    await chat.waitForIdle();
    const msg = chat.lastAssistant();
    await expect(msg.root).toContainText(`Plain chat reply ${uid}.`);
    await expect(msg.reasoningToggle).toHaveCount(0);

    const req = nth(await fake.expectChatRequests(1), 0);
    expect(req.prefix).toBe("custom");
    expect(req.body.model).toBe("fake-chat");
    expect(req.headers.authorization).toBe(`Bearer ${FAKE_KEYS.custom}`);
  });
});
