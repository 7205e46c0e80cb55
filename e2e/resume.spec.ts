import { textOf } from "./app-api";
import { expect, test } from "./fixtures";
import { ChatPage } from "./pages/chat-page";

/**
 * Answers outlive the page: a turn runs on the server until it finishes or is stopped, and a page opened
 * mid-answer reattaches to it. Each scenario holds the answer behind a gate the test opens, so the
 * mid-answer state lasts as long as the test needs, whatever the machine's load.
 */
test.describe("answers that outlive the tab", () => {
  test("a reload mid-answer reattaches: the same answer continues live and is stored once, whole", async ({
    chat,
    fake,
    api,
    uid,
  }) => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`).join(" ");
    const answer = `Resumed ${uid} ${words} END${uid}`;
    await fake.script({
      reasoning: `Thinking about ${uid} before the gate.`,
      answer,
      answerGate: `resume-${uid}`,
      chunkDelayMs: 10,
    });
    await chat.goto();
    await chat.send(fake.message(`Tell me ${uid}`));
    await chat.lastAssistant().openReasoning();
    await expect(chat.lastAssistant().root).toContainText(`before the gate`);
    const id = await chat.conversationId();

    // (Not chat.reload(): it waits for the network to be idle, and the reattached stream is open.)
    await chat.page.reload();
    await expect(chat.composer).toBeVisible();
    // The reloaded page is reading the same turn: its reasoning so far, and Stop is offered.
    const msg = chat.lastAssistant();
    await expect(chat.stopButton).toBeVisible();
    await msg.openReasoning();
    await expect(msg.root).toContainText(`before the gate`);

    await fake.client.openGate(`resume-${uid}`);
    await expect(msg.root).toContainText(`END${uid}`);
    await chat.waitForIdle();
    await expect(msg.root).toContainText(answer);

    // One provider request, one stored answer, whole.
    expect(await fake.chatRequests()).toHaveLength(1);
    const conv = await api.settledConversation(id);
    expect(conv.messages.filter((m) => m.role === "assistant")).toHaveLength(1);
    const stored = conv.messages.at(-1);
    expect(stored?.metadata?.status).toBe("complete");
    expect(stored ? textOf(stored) : "").toBe(answer);
  });

  test("closing the page does not stop the answer: reopened later, it is complete", async ({
    chat,
    fake,
    api,
    uid,
  }) => {
    const answer = `Finished without anyone watching ${uid}.`;
    await fake.script({ reasoning: `Hm ${uid}.`, answer, answerGate: `closed-${uid}` });
    await chat.goto();
    await chat.send(fake.message(`Work alone ${uid}`));
    await expect(chat.stopButton).toBeVisible();
    const id = await chat.conversationId();
    const context = chat.page.context();
    await chat.page.close();

    await fake.client.openGate(`closed-${uid}`);
    const conv = await api.settledConversation(id);
    expect(conv.messages.at(-1)?.metadata?.status).toBe("complete");

    const later = new ChatPage(await context.newPage());
    await later.page.goto(`/c/${id}`);
    await expect(later.lastAssistant().root).toContainText(answer);
    await expect(later.sendButton).toBeVisible();
  });

  test("Stop from a second tab stops the answer for both, stored as stopped", async ({
    chat,
    fake,
    api,
    uid,
    page,
  }) => {
    const words = Array.from({ length: 2000 }, (_, i) => `s${i}`).join(" ");
    await fake.script({ reasoning: `Long ${uid}.`, answer: `Start ${uid} ${words}`, chunkDelayMs: 50 });
    await chat.goto();
    await chat.send(fake.message(`Go on and on ${uid}`));
    const first = chat.lastAssistant();
    await expect(first.root).toContainText(`Start ${uid} s0 s1`);
    const id = await chat.conversationId();

    const other = new ChatPage(await page.context().newPage());
    await other.page.goto(`/c/${id}`);
    const mirrored = other.lastAssistant();
    await expect(mirrored.root).toContainText(`Start ${uid} s0 s1`);
    await other.stopButton.click();
    await other.waitForIdle();
    await chat.waitForIdle();
    await expect(mirrored.root).toContainText("Stopped");
    await expect(first.root).toContainText("Stopped");

    const stored = (await api.settledConversation(id)).messages.at(-1);
    expect(stored?.metadata?.status).toBe("stopped");
    const last = Number((stored ? textOf(stored) : "").trimEnd().match(/s(\d+)$/)?.[1]);
    expect(Number.isInteger(last)).toBe(true);
    // Both pages end on the stored word.
    for (const m of [first, mirrored]) {
      await expect(m.root).toContainText(`s${last}`);
      await expect(m.root).not.toContainText(new RegExp(`s${last + 1}\\b`));
    }
  });
});

test("a tab already showing the conversation follows a turn started in another tab", async ({
  chat,
  fake,
  page,
  uid,
}) => {
  await fake.script([
    { answer: `First ${uid}.` },
    { reasoning: `Second thoughts ${uid}.`, answer: `Followed ${uid}.`, answerGate: `follow-${uid}` },
  ]);
  await chat.goto();
  await chat.send(fake.message(`Start ${uid}`));
  await chat.waitForIdle();
  const id = await chat.conversationId();

  const other = new ChatPage(await page.context().newPage());
  await other.goto(`/c/${id}`);
  await expect(other.lastAssistant().root).toContainText(`First ${uid}.`);

  const next = fake.message(`And then ${uid}`);
  await chat.send(next);
  // The other tab shows the new prompt and the answer streaming, without a reload.
  await expect(other.userMessage(next).root).toBeVisible();
  await expect(other.stopButton).toBeVisible();
  await fake.client.openGate(`follow-${uid}`);
  await expect(other.lastAssistant().root).toContainText(`Followed ${uid}.`);
  await other.waitForIdle();
  await expect(chat.lastAssistant().root).toContainText(`Followed ${uid}.`);
});

test("a reload mid-comparison reattaches every running column", async ({ compare, fake, uid }) => {
  await fake.script([
    { reasoning: `Col thoughts ${uid}.`, answer: `Column answer A ${uid}.`, answerGate: `cmp-${uid}` },
    { reasoning: `Col thoughts ${uid}.`, answer: `Column answer B ${uid}.`, answerGate: `cmp-${uid}` },
  ]);
  await compare.goto();
  await compare.send(fake.message(`Both columns ${uid}`));
  await expect(compare.columns.getByRole("button", { name: "Stop", exact: true })).toHaveCount(2);
  await compare.comparisonId();

  await compare.page.reload();
  await expect(compare.composer).toBeVisible();
  // Both columns are reading their turns again.
  await expect(compare.columns.getByRole("button", { name: "Stop", exact: true })).toHaveCount(2);
  await fake.client.openGate(`cmp-${uid}`);
  await compare.waitForIdle();
  // Each answer once, in its column.
  await expect(compare.columns.getByText(`Column answer A ${uid}.`)).toHaveCount(1);
  await expect(compare.columns.getByText(`Column answer B ${uid}.`)).toHaveCount(1);
});
