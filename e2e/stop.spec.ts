import { textOf } from "./app-api";
import { expect, nth, test } from "./fixtures";

test("Stop keeps the partial answer, marked stopped, also after a reload", async ({
  chat,
  fake,
  api,
  uid,
}) => {
  // The answer would take minutes to stream (2000 chunks, 100 ms apart): it cannot end on its own before
  // Stop, however slow the machine. Every step below waits on an event (text shown, request ended, row stored).
  const words = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(" ");
  await fake.script({
    reasoning: `Brief thought ${uid}.`,
    answer: `Partial ${uid} ${words} FINAL${uid}`,
    chunkDelayMs: 100,
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

  // Stop reaches the provider: the app closes its request instead of paying for the rest of the answer.
  await expect(async () => {
    const request = nth(await fake.chatRequests(), 0);
    expect(request.endedAt).not.toBeNull();
    expect(request.aborted).toBe(true);
  }).toPass();

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

test("a stopped answer shows at once exactly what is stored, with its timings", async ({
  chat,
  fake,
  api,
  uid,
}) => {
  // Numbered words, 50 ms apart: the last stored word tells whether the page shows more or less than the row.
  const words = Array.from({ length: 2000 }, (_, i) => `n${i}`).join(" ");
  await fake.script({ reasoning: `Thought ${uid}.`, answer: `Start ${uid} ${words}`, chunkDelayMs: 50 });
  await chat.goto();
  await chat.send(fake.message(`Count for me ${uid}`));
  const msg = chat.lastAssistant();
  await expect(msg.root).toContainText(`Start ${uid} n0 n1 n2`);
  await chat.stopButton.click();
  await chat.waitForIdle();
  await expect(msg.root).toContainText("Stopped");

  const stored = (await api.settledConversation(await chat.conversationId())).messages.at(-1);
  expect(stored?.metadata?.status).toBe("stopped");
  const last = Number((stored ? textOf(stored) : "").trimEnd().match(/n(\d+)$/)?.[1]);
  expect(Number.isInteger(last)).toBe(true);
  // Without a reload: the page ends on the same word as the stored row, and shows the stored timings.
  await expect(msg.root).toContainText(`n${last}`);
  await expect(msg.root).not.toContainText(new RegExp(`n${last + 1}\\b`));
  await expect(msg.root).toContainText(/total \d/);
});
