import { reasoningOf, textOf } from "./app-api";
import { OFFLINE_APP_URL, OFFLINE_MODEL } from "./env";
import { expect, nth, test } from "./fixtures";
import { plainFragments } from "./recorded-streams";

// The app started with no provider configured at all.
test.use({ baseURL: OFFLINE_APP_URL });

test("with no provider configured, the offline demo model answers with reasoning", async ({
  chat,
  api,
  uid,
  page,
}) => {
  await chat.goto();
  await expect(chat.modelSelect).toHaveValue(`offline:${OFFLINE_MODEL}`);
  await expect(page.getByText("offline demo — not an LLM").first()).toBeVisible();

  const question = `Tell me a story about dragons and ${uid}`;
  await chat.send(question);
  await chat.waitForIdle(25_000);
  const msg = chat.lastAssistant();
  await expect(msg.reasoningToggle).toBeVisible();
  await expect(msg.root).toContainText(OFFLINE_MODEL);

  const conv = await api.settledConversation(await chat.conversationId());
  expect(conv.providerId).toBe("offline");
  const stored = nth(conv.messages, -1);
  expect(stored.metadata?.status).toBe("complete");
  expect(stored.metadata?.modelId).toBe(OFFLINE_MODEL);
  expect(reasoningOf(stored).trim()).not.toBe("");
  expect(textOf(stored).trim()).not.toBe("");
  // What the API stored is what the page shows.
  const fragments = plainFragments(textOf(stored), 2, 2, 5);
  expect(fragments.length).toBeGreaterThan(0);
  for (const f of fragments) await expect(msg.root).toContainText(f);
});
