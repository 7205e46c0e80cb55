import { textOf } from "./app-api";
import { expect, test } from "./fixtures";

test("Stop keeps the partial answer, marked stopped, also after a reload", async ({
  chat,
  fake,
  api,
  uid,
}) => {
  const words = Array.from({ length: 150 }, (_, i) => `w${i}`).join(" ");
  await fake.script({
    reasoning: `Brief thought ${uid}.`,
    answer: `Partial ${uid} ${words} FINAL${uid}`,
    chunkDelayMs: 60,
  });
  await chat.goto();
  await chat.send(fake.message(`Write a long list ${uid}`));
  const msg = chat.lastAssistant();
  await expect(msg.root).toContainText(`Partial ${uid} w0 w1 w2 w3`);
  await chat.stopButton.click();
  await chat.waitForIdle();

  await expect(msg.root).toContainText("Stopped");
  await expect(msg.root).toContainText(`Partial ${uid} w0 w1 w2 w3`);
  await expect(msg.root).not.toContainText(`FINAL${uid}`);

  const id = await chat.conversationId();
  const conv = await api.settledConversation(id);
  const stored = conv.messages.at(-1);
  expect(stored?.metadata?.status).toBe("stopped");
  const storedText = stored ? textOf(stored) : "";
  expect(storedText).toMatch(new RegExp(`^Partial ${uid} w0 w1 w2 w3`));
  expect(storedText).not.toContain(`FINAL${uid}`);

  await chat.reload();
  const reloaded = chat.lastAssistant();
  await expect(reloaded.root).toContainText(`Partial ${uid} w0 w1 w2 w3`);
  await expect(reloaded.root).toContainText("Stopped");
  await expect(reloaded.root).not.toContainText(`FINAL${uid}`);
});
