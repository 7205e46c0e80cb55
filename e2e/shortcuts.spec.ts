import { expect, test } from "./fixtures";

/** An answer that streams for minutes unless stopped (every step waits on events, not on time). */
const LONG = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(" ");

test("Esc stops the answer; Esc that closes a dialog or an editor does not", async ({
  page,
  chat,
  fake,
  uid,
}) => {
  await fake.script({ reasoning: `Thinking ${uid}.`, answer: `Partial ${uid} ${LONG}`, chunkDelayMs: 100 });
  await chat.goto();
  await chat.send(fake.message(`Long answer ${uid}`));
  const answer = chat.lastAssistant();
  await expect(answer.root).toContainText(`Partial ${uid} w0 w1`);

  // Esc closing the search dialog is the dialog's: the answer goes on.
  await page.keyboard.press("Control+k");
  await expect(page.getByRole("dialog", { name: "Search conversations" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(chat.stopButton).toBeVisible();

  // Focus back in the message box (Shift+Esc), then Esc stops.
  await page.keyboard.press("Shift+Escape");
  await expect(chat.composer).toBeFocused();
  await page.keyboard.press("Escape");
  await chat.waitForIdle();
  await expect(answer.root).toContainText("Stopped");
  await expect(answer.root).not.toContainText("w1999");
  await expect(async () => {
    const [request] = await fake.chatRequests();
    expect(request?.aborted).toBe(true);
  }).toPass();
});

test("on a phone, Esc closes the parameters drawer first, then stops the answer", async ({
  page,
  chat,
  fake,
  uid,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await fake.script({ reasoning: `Thinking ${uid}.`, answer: `Partial ${uid} ${LONG}`, chunkDelayMs: 100 });
  await chat.goto();
  await chat.send(fake.message(`Long answer ${uid}`));
  await expect(chat.lastAssistant().root).toContainText(`Partial ${uid} w0 w1`);
  const toggle = page.getByRole("button", { name: "Parameters", exact: true });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  // The drawer focuses its first button, whose tooltip takes the first Esc: press until the drawer is closed.
  await expect(async () => {
    await page.keyboard.press("Escape");
    await expect(toggle).toHaveAttribute("aria-expanded", "false", { timeout: 1_000 });
  }).toPass();
  await expect(chat.stopButton).toBeVisible();
  // Focus is back on the Parameters button, whose tooltip may take one Esc too; then Esc stops.
  await expect(async () => {
    await page.keyboard.press("Escape");
    await expect(chat.stopButton).toBeHidden({ timeout: 1_000 });
  }).toPass();
  await chat.waitForIdle();
  await expect(chat.lastAssistant().root).toContainText("Stopped");
});

test("Esc stops every column of a comparison", async ({ page, compare, fake, uid }) => {
  await fake.script({ reasoning: `Thinking ${uid}.`, answer: `Partial ${uid} ${LONG}`, chunkDelayMs: 100 });
  await compare.goto();
  await compare.send(fake.message(`Long answers ${uid}`));
  for (const n of [1, 2]) await expect(compare.column(n).root).toContainText(`Partial ${uid} w0 w1`);
  await page.keyboard.press("Escape");
  await compare.waitForIdle();
  for (const n of [1, 2]) {
    await expect(compare.column(n).root).toContainText("Stopped");
    await expect(compare.column(n).root).not.toContainText("w1999");
  }
});

test("Shift+Esc focuses the message box from anywhere on the page", async ({ page, chat }) => {
  await chat.goto();
  await page.getByRole("button", { name: "New comparison", exact: true }).focus();
  await page.keyboard.press("Shift+Escape");
  await expect(chat.composer).toBeFocused();
});

test("↑ in an empty message box edits the last message; not while it holds text", async ({
  page,
  chat,
  fake,
  uid,
}) => {
  await fake.script({ reasoning: "", answer: `Answer ${uid}.` });
  await chat.goto();
  await chat.send(fake.message(`First ${uid}`));
  await chat.waitForIdle();
  await chat.send(fake.message(`Second ${uid}`));
  await chat.waitForIdle();

  await chat.composer.fill("draft");
  await chat.composer.press("ArrowUp");
  await expect(chat.editTextbox).toBeHidden();
  await expect(chat.composer).toHaveValue("draft");

  await chat.composer.fill("");
  await chat.composer.press("ArrowUp");
  await expect(chat.editTextbox).toBeFocused();
  await expect(chat.editTextbox).toHaveValue(fake.message(`Second ${uid}`));
  // Esc leaves the editor (its own Esc), nothing else happens.
  await page.keyboard.press("Escape");
  await expect(chat.editTextbox).toBeHidden();
  await expect(chat.userArticles).toHaveCount(2);
});

test("Ctrl+Shift+O starts a new chat, also from inside the message box", async ({
  page,
  chat,
  fake,
  uid,
}) => {
  await fake.script({ reasoning: "", answer: `Answer ${uid}.` });
  await chat.goto();
  await chat.send(fake.message(`Hello ${uid}`));
  await chat.waitForIdle();
  await chat.conversationId();
  await chat.composer.fill("unsent words");
  await chat.composer.press("Control+Shift+O");
  await expect(page).toHaveURL(/\/$/);
  await expect(chat.userArticles).toHaveCount(0);
  await expect(chat.composer).toHaveValue("");
});

test("Ctrl+/ and the sidebar open the Keyboard shortcuts dialog; focus comes back", async ({
  page,
  chat,
}) => {
  await chat.goto();
  await chat.composer.press("Control+/");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  for (const [action, keys] of [
    ["Search conversations", "CtrlK"],
    ["New chat", "CtrlShiftO"],
    ["Keyboard shortcuts", "Ctrl/"],
    ["Stop the answer", "Esc"],
    ["Focus the message box", "ShiftEsc"],
    ["Edit your last message", "↑"],
  ]) {
    await expect(dialog.getByRole("row").filter({ hasText: action }).getByRole("cell").last()).toHaveText(
      keys,
    );
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(chat.composer).toBeFocused();

  const open = page.getByRole("button", { name: "Keyboard shortcuts", exact: true });
  await open.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Control+/");
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
});

test("the shortcuts say ⌘ on a Mac", async ({ browser }) => {
  const context = await browser.newContext({
    userAgent:
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  });
  const page = await context.newPage();
  await page.addInitScript(() => Object.defineProperty(navigator, "platform", { get: () => "MacIntel" }));
  await page.goto("/");
  await expect(page.getByRole("textbox", { name: "Message", exact: true })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // ⌘K opens search; Ctrl+K (a Mac's emacs key in text fields) does not.
  await page.keyboard.press("Control+k");
  await expect(page.getByRole("dialog")).toBeHidden();
  await page.keyboard.press("Meta+k");
  await expect(page.getByRole("searchbox", { name: "Search", exact: true })).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Meta+/");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog.getByRole("row").filter({ hasText: "New chat" }).getByRole("cell").last()).toHaveText(
    "⌘⇧O",
  );
  await context.close();
});

test("“Skip to composer” is the first focusable element and moves focus to the message box", async ({
  page,
  chat,
}) => {
  await chat.goto();
  const first = await page.evaluate(() => {
    const focusable = document.querySelectorAll<HTMLElement>(
      'a[href], button:not([disabled]), input, textarea, select, [tabindex]:not([tabindex="-1"])',
    );
    return [...focusable].find((el) => el.getClientRects().length > 0)?.textContent;
  });
  expect(first).toBe("Skip to composer");
  // Reached by keyboard: Shift+Tab from the sidebar's first control.
  await page.getByRole("button", { name: "New chat", exact: true }).first().focus();
  await page.keyboard.press("Shift+Tab");
  const skip = page.getByRole("link", { name: "Skip to composer" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(chat.composer).toBeFocused();
});
