import { expect, test } from "./fixtures";

test("after a failed turn, the page says the next message goes with the unanswered one, and shows what the model got", async ({
  chat,
  fake,
  uid,
}) => {
  await fake.script([{ httpError: { status: 500 } }, { answer: `Both answered ${uid}.` }]);
  const first = fake.message(`First try ${uid}`);
  const second = `Second try ${uid}`;
  await chat.goto();
  await chat.send(first);
  await chat.waitForIdle();
  await expect(chat.lastAssistant().retryButton).toBeVisible();

  // Before sending: the composer warns that the next message is merged.
  const ahead = chat.page.getByText("The last message got no answer.");
  await expect(ahead).toBeVisible();

  await chat.send(second);
  await chat.waitForIdle();
  await expect(chat.lastAssistant().root).toContainText(`Both answered ${uid}.`);
  await expect(ahead).toHaveCount(0);

  // The model got both prompts as one message; the page says so, and shows it.
  const [, sent] = await fake.expectChatRequests(2);
  const users = (sent.body.messages ?? []).filter((m) => m.role === "user");
  expect(users.map((m) => m.content)).toEqual([`${first}\n\n${second}`]);
  const prompt = chat.userMessage(second).root;
  await prompt.getByText("Sent together with the unanswered message above").click();
  await expect(prompt.getByText("What the model received, as one message:")).toBeVisible();
  const received = prompt.locator("details");
  await expect(received).toContainText(first);
  await expect(received).toContainText(second);
  // The first prompt itself was not merged with anything.
  await expect(chat.userArticles.first().getByText("Sent together")).toHaveCount(0);
  await expect(chat.userArticles.first()).toContainText(first);
});
