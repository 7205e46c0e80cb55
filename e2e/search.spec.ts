import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/** Import a conversation of `turns` questions and answers; `extra(t)` adds fields to turn t's answer. */
async function importLong(
  request: APIRequestContext,
  title: string,
  turns: number,
  extra: (t: number) => Record<string, unknown> = () => ({}),
): Promise<string> {
  const messages = Array.from({ length: turns }, (_, t) => [
    { role: "user", content: `Question number ${t}`, createdAt: 1_000_000 + 2 * t },
    {
      role: "assistant",
      content: `Answer number ${t}, with a few words to make it a paragraph.`,
      createdAt: 1_000_001 + 2 * t,
      providerId: "offline",
      modelId: "offline/ngram",
      status: "complete",
      ...extra(t),
    },
  ]).flat();
  const res = await request.post("/api/conversations/import", {
    data: {
      format: "speciale-playground/conversation",
      version: 1,
      exportedAt: 1,
      conversation: {
        title,
        providerId: "offline",
        modelId: "offline/ngram",
        params: {},
        createdAt: 1_000_000,
        updatedAt: 1_000_000 + 2 * turns,
        messages,
      },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const searchbox = (page: Page) => page.getByRole("searchbox", { name: "Search", exact: true });

test("Ctrl+K → a word only in a reasoning trace → the highlighted snippet → Enter opens the chat at that answer", async ({
  page,
  chat,
  fake,
  uid,
}) => {
  const word = `Quokka${uid}`;
  await fake.script({
    reasoning: `The user wants a list. I recall the ${word} lives on Rottnest Island.`,
    answer: `Here is the list you asked for ${uid}.`,
  });
  await chat.goto();
  await chat.send(fake.message(`Give me a list ${uid}`));
  await chat.waitForIdle();
  const id = await chat.conversationId();

  await chat.newChatButton.click();
  await expect(page).toHaveURL(/\/$/);
  await page.keyboard.press("Control+k");
  const box = searchbox(page);
  await expect(box).toBeFocused();
  // Typed in lower case and not finished: the last word is searched as a prefix.
  await box.pressSequentially(word.toLowerCase().slice(0, -2));
  const result = page.getByRole("option").filter({ hasText: word });
  await expect(result).toHaveCount(1);
  await expect(result).toContainText("Reasoning:");
  await expect(result.locator("mark")).toHaveText(word);
  // The highlight is an element made from the text, not markup from the server.
  await expect(result).not.toContainText("\uE000");
  await expect(result).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(chat.lastAssistant().root).toContainText(`Here is the list you asked for ${uid}.`);
  await expect(chat.lastAssistant().root).toBeInViewport();
});

test("a result older than the latest messages opens there, scrolled to it and highlighted; arrows choose", async ({
  page,
  chat,
  request,
  uid,
}) => {
  const word = `Narwhal${uid}`;
  // 30 turns: the page opens with the latest 12 messages, so turn 3 is not in it.
  const id = await importLong(request, `Long chat ${uid}`, 30, (t) =>
    t === 3 || t === 25 ? { content: `Turn ${t} mentions the ${word} and its tusk.` } : {},
  );
  await chat.goto();
  await page.keyboard.press(process.platform === "darwin" ? "Meta+k" : "Control+k");
  await searchbox(page).fill(word);
  const options = page.getByRole("option");
  await expect(options).toHaveCount(2);
  await expect(options.first().locator("mark")).toHaveText(word);
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  // The newer one first on a tie; ↓ moves to the older.
  await expect(options.first()).toContainText("Turn 25");
  await page.keyboard.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(searchbox(page)).toHaveAttribute(
    "aria-activedescendant",
    (await options.nth(1).getAttribute("id")) ?? "",
  );
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
  const target = chat.assistantArticles.filter({ hasText: `Turn 3 mentions the ${word}` });
  await expect(target).toBeInViewport();
  await expect(target).toHaveAttribute("data-search-target", "");
  // The rest of the conversation is there after it, down to the latest answer.
  await expect(chat.lastAssistant().root).toContainText("Answer number 29");
});

test("far back in a long chat, a result opens a read-only part of it, with Jump to latest", async ({
  page,
  chat,
  request,
  uid,
}) => {
  const word = `Ibis${uid}`;
  // 120 turns: turn 2 has more than 100 messages after it.
  const id = await importLong(request, `Very long chat ${uid}`, 120, (t) =>
    t === 2 ? { content: `Turn ${t} is about the ${word}.` } : {},
  );
  await chat.goto();
  await page.keyboard.press("Control+k");
  await searchbox(page).fill(word);
  await expect(page.getByRole("option")).toHaveCount(1);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
  const target = chat.assistantArticles.filter({ hasText: `Turn 2 is about the ${word}` });
  await expect(target).toBeInViewport();
  // A part of the chat: no message box, nothing to regenerate, a way to the latest messages.
  await expect(chat.composer).toHaveCount(0);
  await expect(chat.assistantArticles.filter({ hasText: "Answer number 119" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Regenerate", exact: true })).toHaveCount(0);
  await page.getByRole("link", { name: "Jump to latest" }).click();
  await expect(chat.composer).toBeVisible();
  await expect(chat.lastAssistant().root).toContainText("Answer number 119");
  await expect(chat.lastAssistant().root).toBeInViewport();
});

test("Search in the sidebar opens the same dialog; no match says so; punctuation is no error", async ({
  page,
  chat,
  uid,
}) => {
  await chat.goto();
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const box = searchbox(page);
  await expect(box).toBeFocused();
  await box.fill(`nothingmatches${uid}`);
  await expect(page.getByRole("dialog").getByRole("status")).toContainText("No results for");
  // Punctuation only (the words AND/OR/NEAR are searched as words, and other tests' texts may hold them).
  await box.fill('"*-:()^');
  await expect(page.getByRole("dialog").getByRole("status")).toContainText("No results for");
  await box.fill(`"${uid}-none" AND OR NEAR`);
  await expect(page.getByRole("dialog").getByRole("status")).toContainText("No results for");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByRole("button", { name: "Search", exact: true })).toBeFocused();
});

test("GET /api/search: 400 naming q when empty or too long; FTS syntax is searched as words", async ({
  request,
  uid,
}) => {
  for (const q of ["", "   ", "x".repeat(201)]) {
    const res = await request.get(`/api/search?q=${encodeURIComponent(q)}`);
    expect(res.status()).toBe(400);
    const body = (await res.json()) as { error: { code: string; field: string } };
    expect(body.error.field).toBe("q");
  }
  expect((await request.get("/api/search")).status()).toBe(400);
  // Operators and syntax are words or separators: never a 500, punctuation alone finds nothing.
  for (const q of ['"', "*", "-", '"*-:()^']) {
    const res = await request.get(`/api/search?q=${encodeURIComponent(q)}`);
    expect(res.status(), q).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results).toEqual([]);
  }
  for (const q of ["a:b", "NEAR(", "AND", "x OR", `"${uid}`, `${uid}*`, `-${uid}`]) {
    expect((await request.get(`/api/search?q=${encodeURIComponent(q)}`)).status(), q).toBe(200);
  }
});

/** axe's WCAG 2 A/AA rules on the open dialog: no serious or critical violation. */
async function expectAccessible(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page })
    .include('[role="dialog"]')
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `${label}: ${serious.join("\n")}`).toEqual([]);
}

for (const vp of [
  { name: "desktop light", width: 1440, height: 900, scheme: "light" },
  { name: "phone dark", width: 390, height: 844, scheme: "dark" },
] as const) {
  test(`the search and shortcuts dialogs pass axe (${vp.name})`, async ({ page, chat, request, uid }) => {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await page.emulateMedia({ colorScheme: vp.scheme });
    const word = `Axolotl${uid}`;
    // Enough results to scroll the list.
    for (let i = 0; i < 3; i++) {
      await importLong(request, `Chat ${i} about the ${word}`, 4, () => ({
        content: `The ${word} regrows its limbs, turn after turn.`,
      }));
    }
    await chat.goto();
    await page.keyboard.press("Control+k");
    await searchbox(page).fill(word);
    await expect(page.getByRole("option")).toHaveCount(12);
    await expectAccessible(page, "search dialog with results");
    await searchbox(page).fill(`nothing${uid}`);
    await expect(page.getByRole("dialog").getByRole("status")).toContainText("No results");
    await expectAccessible(page, "search dialog, no results");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+/");
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await expectAccessible(page, "keyboard shortcuts dialog");
  });
}
