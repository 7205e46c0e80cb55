import { reasoningOf, textOf } from "./app-api";
import { FAKE_PORT } from "./env";
import { providerErrors } from "./fake-provider/client";
import { expect, nth, test } from "./fixtures";

test.describe("provider errors", () => {
  test("a 401 shows the provider's message with Retry, survives a reload, and Retry succeeds once fixed", async ({
    chat,
    fake,
    api,
    uid,
    page,
  }) => {
    await fake.script(providerErrors.auth401("Authentication Fails, Your api key: ****abcd is invalid"));
    // The provider's words; the app may mask the key's tail further ("****").
    const providerMessage = /Authentication Fails, Your api key: \*{4}(abcd)? is invalid/;
    await chat.goto();
    const question = fake.message(`Are you there ${uid}?`);
    await chat.send(question);

    await expect(page.getByText(providerMessage).first()).toBeVisible();
    await expect(chat.retryButton).toBeVisible();
    await chat.waitForIdle();
    await expect(chat.userMessage(question).root).toBeVisible();

    const id = await chat.conversationId();
    const conv = await api.settledConversation(id);
    expect(conv.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(textOf(nth(conv.messages, 0))).toBe(question);
    const failed = nth(conv.messages, 1);
    expect(failed.metadata?.status).toBe("error");
    expect(failed.metadata?.error?.message).toMatch(providerMessage);
    expect(failed.metadata?.error?.statusCode).toBe(401);

    await chat.reload();
    await expect(chat.userMessage(question).root).toBeVisible();
    await expect(page.getByText(providerMessage).first()).toBeVisible();
    await expect(chat.retryButton).toBeVisible();

    // The user fixes the problem; Retry answers the same message.
    await fake.script({ reasoning: `Back online ${uid}.`, answer: `Recovered answer ${uid}.` });
    await chat.retryButton.click();
    await expect(chat.lastAssistant().root).toContainText(`Recovered answer ${uid}.`);
    await chat.waitForIdle();
    await expect(page.getByText(providerMessage)).toHaveCount(0);
    await expect(chat.retryButton).toHaveCount(0);
    await expect(chat.userArticles).toHaveCount(1);
    await expect(chat.assistantArticles).toHaveCount(1);

    const requests = await fake.expectChatRequests(2);
    for (const r of requests) expect(JSON.stringify(r.body?.messages)).toContain(question);
    const after = await api.settledConversation(id);
    expect(after.messages.map((m) => [m.role, m.metadata?.status])).toEqual([
      ["user", undefined],
      ["assistant", "complete"],
    ]);
  });

  test("a 429 shows the provider's rate-limit message with Retry", async ({ chat, fake, api, uid, page }) => {
    const providerMessage = `Rate limit reached for requests ${uid}`;
    await fake.script(providerErrors.rateLimit429(7, providerMessage));
    await chat.goto();
    const question = fake.message(`Quick one ${uid}`);
    await chat.send(question);
    await expect(page.getByText(providerMessage).first()).toBeVisible();
    await expect(chat.retryButton).toBeVisible();
    await chat.waitForIdle();

    const conv = await api.settledConversation(await chat.conversationId());
    const failed = conv.messages.at(-1);
    expect(failed?.metadata?.status).toBe("error");
    expect(failed?.metadata?.error).toMatchObject({ statusCode: 429, retryable: true });
    expect(failed?.metadata?.error?.message).toContain(providerMessage);

    await chat.reload();
    await expect(chat.userMessage(question).root).toBeVisible();
    await expect(chat.retryButton).toBeVisible();
  });

  test("an error inside the stream keeps the partial answer and shows the error", async ({
    chat,
    fake,
    api,
    uid,
    page,
  }) => {
    const reasoning = `Quick thought ${uid}.`; // 3 chunks
    await fake.script({
      reasoning,
      answer: `Partial ${uid} one two three four five six seven eight nine ten`,
      midStreamError: {
        afterChunks: 3 + 5,
        error: { message: `Upstream exploded ${uid}`, type: "server_error", code: "internal_error" },
      },
    });
    await chat.goto();
    await chat.send(fake.message(`Explode please ${uid}`));
    await expect(chat.retryButton).toBeVisible();
    await chat.waitForIdle();
    const msg = chat.lastAssistant();
    await expect(msg.root).toContainText(`Partial ${uid} one two three`);
    await expect(msg.root).not.toContainText("four five");

    const id = await chat.conversationId();
    const conv = await api.settledConversation(id);
    const stored = nth(conv.messages, -1);
    expect(stored.metadata?.status).toBe("error");
    expect(textOf(stored)).toMatch(new RegExp(`^Partial ${uid} one two three`));
    expect(reasoningOf(stored).trim()).toBe(reasoning);
    expect(stored.metadata?.error?.message).toContain(`Upstream exploded ${uid}`);
    await expect(page.getByText(`Upstream exploded ${uid}`).first()).toBeVisible();

    await chat.reload();
    await expect(chat.lastAssistant().root).toContainText(`Partial ${uid} one two three`);
    await expect(chat.retryButton).toBeVisible();
  });

  for (const withDone of [false, true]) {
    test(`a stream that ends without finish_reason (${withDone ? "then [DONE]" : "connection closed"}) is an error and keeps the partial`, async ({
      chat,
      fake,
      api,
      uid,
    }) => {
      await fake.script({
        reasoning: `Some thought ${uid}.`,
        answer: `Cut off ${uid} alpha beta gamma`,
        finishReason: null,
        done: withDone,
      });
      await chat.goto();
      await chat.send(fake.message(`Trail off ${uid}`));
      await expect(chat.retryButton).toBeVisible();
      await chat.waitForIdle();
      await expect(chat.lastAssistant().root).toContainText(`Cut off ${uid} alpha beta gamma`);

      const conv = await api.settledConversation(await chat.conversationId());
      const stored = nth(conv.messages, -1);
      expect(stored.metadata?.status).toBe("error");
      expect(textOf(stored).trim()).toBe(`Cut off ${uid} alpha beta gamma`);
      expect(stored.metadata?.error?.message ?? "").not.toBe("");
      await expect(chat.page.getByText(stored.metadata?.error?.message ?? "<none>").first()).toBeVisible();
    });
  }

  test("max_tokens spent on reasoning alone shows the budget notice", async ({
    chat,
    fake,
    api,
    uid,
    page,
  }) => {
    const reasoning = `Long deliberation ${uid} that goes on and on without reaching any answer at all.`;
    await fake.script({ reasoning, answer: "", finishReason: "length" });
    await chat.goto();
    await chat.setParams({ maxTokens: "64" });
    await chat.send(fake.message(`Hard question ${uid}`));
    await chat.waitForIdle();
    await expect(page.getByText(/Reasoning used the whole max_tokens budget/i).first()).toBeVisible();
    await expect(chat.lastAssistant().reasoningToggle).toBeVisible();

    const req = nth(await fake.expectChatRequests(1), 0);
    expect(req.body.max_tokens).toBe(64);
    const conv = await api.settledConversation(await chat.conversationId());
    const stored = nth(conv.messages, -1);
    expect(stored.metadata?.status).toBe("length");
    expect(stored.metadata?.finishReason).toBe("length");
    expect(textOf(stored)).toBe("");
    expect(reasoningOf(stored).trim()).toBe(reasoning);

    await chat.reload();
    await expect(page.getByText(/Reasoning used the whole max_tokens budget/i).first()).toBeVisible();
  });

  test("finish_reason insufficient_system_resource is shown to the user", async ({
    chat,
    fake,
    api,
    uid,
  }) => {
    await fake.script({
      reasoning: `Resource thoughts ${uid}.`,
      answer: `Half an answer ${uid}`,
      finishReason: "insufficient_system_resource",
    });
    await chat.goto();
    await chat.selectModel("deepseek", "deepseek-reasoner");
    await chat.send(fake.message(`Busy servers ${uid}`));
    await chat.waitForIdle();
    const msg = chat.lastAssistant();
    await expect(msg.root).toContainText(`Half an answer ${uid}`);
    await expect(msg.root).toContainText("insufficient_system_resource");
    const conv = await api.settledConversation(await chat.conversationId());
    const stored = nth(conv.messages, -1);
    expect(stored.metadata?.finishReason).toBe("insufficient_system_resource");
  });

  test("a dropped connection shows a readable error that does not reveal the provider URL", async ({
    chat,
    fake,
    api,
    uid,
    page,
  }) => {
    await fake.script({ dropConnection: true });
    await chat.goto();
    const question = fake.message(`Hello void ${uid}`);
    await chat.send(question);
    await expect(chat.retryButton).toBeVisible();
    await chat.waitForIdle();

    const conv = await api.settledConversation(await chat.conversationId());
    const stored = nth(conv.messages, -1);
    expect(stored.metadata?.status).toBe("error");
    const message = stored.metadata?.error?.message ?? "";
    expect(message).not.toBe("");
    expect(message).not.toContain(`:${FAKE_PORT}`);
    expect(message).not.toContain("127.0.0.1");
    await expect(page.getByText(message).first()).toBeVisible();
    await expect(page.locator("body")).not.toContainText(`:${FAKE_PORT}`);
    await expect(chat.userMessage(question).root).toBeVisible();
  });
});
