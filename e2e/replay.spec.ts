import { reasoningOf, textOf } from "./app-api";
import { PRESET_MODELS, type RemoteProviderId } from "./env";
import { expect, nth, test } from "./fixtures";
import { expectationFor, plainFragments, RECORDED_STREAMS } from "./recorded-streams";

/** Which configured provider each recording is played through (any OpenAI-compatible preset reads them alike). */
const ROUTES: Record<string, RemoteProviderId> = {
  "deepseek--deepseek-reasoning.chunks.txt": "deepseek",
  "deepseek--deepseek-text.chunks.txt": "atlascloud",
  "azure--azure-deepseek-reasoning.1.chunks.txt": "atlascloud",
  "groq--groq-reasoning.chunks.txt": "aimlapi",
  "openai-compatible--xai-text.chunks.txt": "custom",
};

test.describe("recorded real streams, replayed through the whole app", () => {
  for (const file of RECORDED_STREAMS) {
    const expected = expectationFor(file);
    const providerId = ROUTES[file] ?? "custom";

    test(`replays ${file} via ${providerId}`, async ({ chat, fake, api, uid }) => {
      await fake.script({ replay: file });
      await chat.goto();
      await chat.selectModel(providerId, PRESET_MODELS[providerId]);
      await chat.send(fake.message(`Replay ${uid}`));
      await chat.waitForIdle(20_000);
      const msg = chat.lastAssistant();

      const answerFragments = plainFragments(expected.answer);
      expect(answerFragments.length).toBeGreaterThan(0);
      for (const f of answerFragments) {
        await expect(msg.root.getByText(f).filter({ visible: true }).first()).toBeVisible();
      }

      const reasoningFragments = plainFragments(expected.reasoning).filter(
        (f) => !expected.answer.includes(f),
      );
      if (expected.reasoning === "") {
        await expect(msg.reasoningToggle).toHaveCount(0);
      } else {
        expect(reasoningFragments.length).toBeGreaterThan(0);
        await msg.expectReasoningExpanded(false);
        await expect(msg.root.getByText(nth(reasoningFragments, 0))).toBeHidden();
        await msg.reasoningToggle.click();
        await msg.expectReasoningExpanded(true);
        for (const f of reasoningFragments) {
          await expect(msg.root.getByText(f).filter({ visible: true }).first()).toBeVisible();
        }
      }

      const conv = await api.settledConversation(await chat.conversationId());
      const stored = nth(conv.messages, -1);
      expect(reasoningOf(stored).trim()).toBe(expected.reasoning.trim());
      expect(textOf(stored).trim()).toBe(expected.answer.trim());
      expect(stored.metadata?.finishReason).toBe(expected.finishReason);
      if (expected.finishReason === "length") {
        expect(stored.metadata?.status).toBe("length");
        await expect(msg.root).toContainText("Cut by max tokens");
      } else {
        expect(stored.metadata?.status).toBe("complete");
      }
      const usage = expected.usage as { prompt_tokens: number; completion_tokens: number };
      expect(stored.metadata?.usage).toMatchObject({
        promptTokens: usage.prompt_tokens,
        completionTokens: usage.completion_tokens,
      });
    });
  }

  test("reasoning inside <think> tags in the content is shown as reasoning, not as the answer", async ({
    chat,
    fake,
    api,
    uid,
  }) => {
    const reasoning = `Pondering ${uid} inside think tags very carefully.`;
    const answer = `Tagged answer ${uid} is here.`;
    await fake.script({ reasoningField: "think-tags", reasoning, answer, chunkSize: 2 });
    await chat.goto();
    await chat.selectModel("custom", PRESET_MODELS.custom);
    await chat.send(fake.message(`Think aloud ${uid}`));
    await chat.waitForIdle();
    const msg = chat.lastAssistant();
    await expect(msg.root).toContainText(answer);
    await expect(msg.root).not.toContainText("<think>");
    await expect(msg.root).not.toContainText("</think>");
    await msg.expectReasoningExpanded(false);
    await expect(msg.root.getByText("inside think tags")).toBeHidden();
    await msg.reasoningToggle.click();
    await expect(msg.root.getByText("inside think tags")).toBeVisible();

    const req = nth(await fake.expectChatRequests(1), 0);
    expect(req.prefix).toBe("custom");
    const conv = await api.settledConversation(await chat.conversationId());
    const stored = nth(conv.messages, -1);
    expect(reasoningOf(stored).trim()).toBe(reasoning);
    expect(textOf(stored).trim()).toBe(answer);
    expect(stored.metadata?.status).toBe("complete");
  });

  test("keep-alive comments while queued are not shown and the answer still arrives", async ({
    chat,
    fake,
    api,
    uid,
    page,
  }) => {
    const answer = `Finally dequeued ${uid}.`;
    await fake.script({
      // ~4 s in the queue: long enough to see the request in progress even on a loaded machine.
      initialDelayMs: 200,
      keepAlives: 12,
      keepAliveIntervalMs: 300,
      reasoning: `Queued thoughts ${uid}.`,
      answer,
    });
    await chat.goto();
    await chat.selectModel("deepseek", PRESET_MODELS.deepseek);
    await chat.send(fake.message(`Busy hour ${uid}`));
    await expect(chat.stopButton).toBeVisible();
    await expect(chat.lastAssistant().root).toContainText(answer);
    await chat.waitForIdle();
    await expect(page.locator("body")).not.toContainText("keep-alive");
    const conv = await api.settledConversation(await chat.conversationId());
    expect(conv.messages.at(-1)?.metadata?.status).toBe("complete");
  });
});
