import { reasoningOf, textOf } from "./app-api";
import { PRESET_MODELS } from "./env";
import { wireText } from "./fake-provider/client";
import { expect, nth, test } from "./fixtures";

test.describe("chat core", () => {
  test("reasoning streams in an open block, collapses when the answer starts, and all of it survives a reload", async ({
    chat,
    fake,
    api,
    uid,
    page,
  }) => {
    const reasoning = `Thinking carefully about ${uid} step by step before answering the question at hand.`;
    const answer = `The answer for ${uid} is forty two and nothing else.`;
    await fake.script({
      reasoningField: "reasoning_content",
      reasoning,
      answer,
      // ~2 s of reasoning, then a 2 s pause: a wide window to observe the open block on a loaded machine.
      chunkDelayMs: 150,
      answerDelayMs: 2000,
    });

    await chat.goto();
    await chat.setParams({ temperature: "0.4", maxTokens: "2048" });
    const question = fake.message(`What is the answer ${uid}?`);
    await chat.send(question);

    const msg = chat.lastAssistant();
    // While the reasoning streams: Stop is offered, the reasoning block is open and shows the text.
    await expect(chat.stopButton).toBeVisible();
    await expect(chat.sendButton).toBeHidden();
    await expect(msg.root.getByText(`about ${uid}`)).toBeVisible();
    await msg.expectReasoningExpanded(true);

    // The answer starts: the reasoning block collapses by itself.
    await expect(msg.root.getByText("forty two")).toBeVisible();
    await msg.expectReasoningExpanded(false);
    await expect(msg.root.getByText("step by step")).toBeHidden();
    await chat.waitForIdle();
    await expect(msg.root).toContainText(answer);

    // The toggle opens and closes it.
    await msg.reasoningToggle.click();
    await msg.expectReasoningExpanded(true);
    await expect(msg.root.getByText("step by step")).toBeVisible();
    await msg.reasoningToggle.click();
    await msg.expectReasoningExpanded(false);
    await expect(msg.root.getByText("step by step")).toBeHidden();

    // The message says which model and parameters produced it.
    await expect(msg.root).toContainText(PRESET_MODELS.aimlapi);
    await expect(msg.root).toContainText("temperature 0.4");
    await expect(msg.root).toContainText("max tokens 2048");

    const id = await chat.conversationId();
    await chat.reload();
    await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
    await expect(chat.userMessage(question).root).toBeVisible();
    await expect(chat.userArticles).toHaveCount(1);
    await expect(chat.assistantArticles).toHaveCount(1);
    const reloaded = chat.lastAssistant();
    await expect(reloaded.root).toContainText(answer);
    await reloaded.expectReasoningExpanded(false);
    await reloaded.reasoningToggle.click();
    await expect(reloaded.root.getByText("step by step")).toBeVisible();
    await expect(reloaded.root).toContainText("temperature 0.4");
    // The panel shows the conversation's parameters again.
    await expect(chat.param("temperature")).toHaveValue("0.4");
    await expect(chat.param("maxTokens")).toHaveValue("2048");

    const conv = await api.settledConversation(id);
    expect(conv.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(textOf(nth(conv.messages, 0))).toBe(question);
    const stored = nth(conv.messages, 1);
    expect(reasoningOf(stored).trim()).toBe(reasoning);
    expect(textOf(stored).trim()).toBe(answer);
    expect(stored.metadata?.status).toBe("complete");
    expect(stored.metadata?.params).toMatchObject({ temperature: 0.4, maxTokens: 2048 });
    expect(conv.params).toMatchObject({ temperature: 0.4, maxTokens: 2048 });
  });

  test("Regenerate replaces the last answer", async ({ chat, fake, uid }) => {
    await fake.script([
      { reasoning: `First thoughts ${uid}.`, answer: `First answer ${uid} alpha.` },
      { reasoning: `Second thoughts ${uid}.`, answer: `Second answer ${uid} beta.` },
    ]);
    await chat.goto();
    const question = fake.message(`Give me a word ${uid}`);
    await chat.send(question);
    await chat.waitForIdle();
    await expect(chat.lastAssistant().root).toContainText(`First answer ${uid} alpha.`);

    await chat.lastAssistant().regenerateButton.click();
    await expect(chat.lastAssistant().root).toContainText(`Second answer ${uid} beta.`);
    await chat.waitForIdle();
    await expect(chat.assistantArticles).toHaveCount(1);
    await expect(chat.userArticles).toHaveCount(1);
    await expect(chat.page.getByText(`First answer ${uid} alpha.`)).toHaveCount(0);

    const second = nth(await fake.expectChatRequests(2), 1);
    const msgs = second.body.messages ?? [];
    expect(msgs.filter((m) => m.role === "user").map(wireText)).toEqual([question]);
    expect(JSON.stringify(msgs)).not.toContain("First answer");

    await chat.reload();
    await expect(chat.assistantArticles).toHaveCount(1);
    await expect(chat.lastAssistant().root).toContainText(`Second answer ${uid} beta.`);
    await expect(chat.page.getByText(`First answer ${uid} alpha.`)).toHaveCount(0);
  });

  test("editing a user message and resending replaces everything after it", async ({
    chat,
    fake,
    uid,
    api,
  }) => {
    await fake.script([
      { answer: `Answer one ${uid}.` },
      { answer: `Answer two ${uid}.` },
      { answer: `Answer three ${uid}.` },
    ]);
    await chat.goto();
    const first = fake.message(`First question ${uid}`);
    const second = fake.message(`Second question ${uid}`);
    const edited = fake.message(`Edited question ${uid}`);
    await chat.send(first);
    await chat.waitForIdle();
    await expect(chat.lastAssistant().root).toContainText(`Answer one ${uid}.`);
    await chat.send(second);
    await chat.waitForIdle();
    await expect(chat.lastAssistant().root).toContainText(`Answer two ${uid}.`);
    await expect(chat.userArticles).toHaveCount(2);
    await expect(chat.assistantArticles).toHaveCount(2);

    await chat.editAndResend(first, edited);
    await expect(chat.lastAssistant().root).toContainText(`Answer three ${uid}.`);
    await chat.waitForIdle();
    await expect(chat.userArticles).toHaveCount(1);
    await expect(chat.assistantArticles).toHaveCount(1);
    await expect(chat.userMessage(edited).root).toBeVisible();
    await expect(chat.page.getByText(`Second question ${uid}`)).toHaveCount(0);
    await expect(chat.page.getByText(`Answer two ${uid}.`)).toHaveCount(0);

    const requests = await fake.expectChatRequests(3);
    const sent = (nth(requests, 2).body.messages ?? []).filter((m) => m.role !== "system");
    expect(sent.map((m) => ({ role: m.role, text: wireText(m) }))).toEqual([{ role: "user", text: edited }]);

    const id = await chat.conversationId();
    await chat.reload();
    await expect(chat.userArticles).toHaveCount(1);
    await expect(chat.userMessage(edited).root).toBeVisible();
    await expect(chat.lastAssistant().root).toContainText(`Answer three ${uid}.`);
    const conv = await api.settledConversation(id);
    expect(conv.messages.map((m) => [m.role, textOf(m).trim()])).toEqual([
      ["user", edited],
      ["assistant", `Answer three ${uid}.`],
    ]);
  });
});
