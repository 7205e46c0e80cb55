import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";

/** The rendered blocks of an answer's text (Streamdown's container is the one with the blocks' class). */
function blocks(answer: Locator): Locator {
  return answer.locator(":is(.markdown-blocks, .markdown-blocks-live) > *");
}

const caretOf = (block: Locator) => block.evaluate((el) => getComputedStyle(el, "::after").content);
/** how many blocks show a caret after them */
const caretsIn = (answer: Locator) =>
  blocks(answer).evaluateAll(
    (els) => els.filter((el) => getComputedStyle(el, "::after").content.includes("\u258B")).length,
  );
const visibilityOf = (block: Locator) => block.evaluate((el) => getComputedStyle(el).contentVisibility);

test("a long answer streams with a caret after its last paragraph, skips the layout of blocks far above it, and loses the caret when it ends", async ({
  chat,
  fake,
  uid,
}) => {
  // 3,000 paragraphs, 40 ms apart: minutes of stream, so it is still streaming at every step until Stop.
  const paragraphs = Array.from({ length: 3000 }, (_, i) => `Paragraph p${i} of ${uid}.`);
  await fake.script({ reasoning: "", answer: paragraphs.join("\n\n"), chunkSize: 2, chunkDelayMs: 40 });
  await chat.goto();
  await chat.send(fake.message(`Write many paragraphs ${uid}`));
  const answer = chat.lastAssistant().root;
  await expect(answer).toContainText(`Paragraph p100 of ${uid}.`);

  // The caret follows the text as it grows; blocks far above the end are skipped when off screen, the
  // last ones are always laid out (a block newly skipped on screen would cost the frame a second layout).
  await expect.poll(() => caretOf(blocks(answer).last())).toContain("\u258B");
  await expect.poll(() => visibilityOf(blocks(answer).first())).toBe("auto");
  expect(await visibilityOf(blocks(answer).last())).toBe("visible");
  expect(await visibilityOf(blocks(answer).nth(-10))).toBe("visible");
  // one caret, after the last block only, however many blocks each update brought
  await expect(answer).toContainText(`Paragraph p160 of ${uid}.`, { timeout: 30_000 });
  // (polled: between two updates the text may end in a block with no caret, e.g. a blank line)
  await expect.poll(() => caretsIn(answer)).toBe(1);
  await expect.poll(() => caretOf(blocks(answer).last())).toContain("\u258B");

  await chat.stopButton.click();
  await chat.waitForIdle();
  await expect(answer).toContainText("Stopped");
  await expect.poll(() => caretsIn(answer)).toBe(0);
  // The text a reader scrolls back to is all there: the first paragraph, skipped a moment ago, is shown.
  await blocks(answer).first().scrollIntoViewIfNeeded();
  await expect(blocks(answer).first()).toHaveText(`Paragraph p0 of ${uid}.`);
  await expect(blocks(answer).first()).toBeVisible();

  // Opened again, the finished answer skips its blocks off screen by CSS alone, and has no caret.
  await chat.reload();
  const reopened = chat.lastAssistant().root;
  await expect(reopened).toContainText(`Paragraph p100 of ${uid}.`);
  expect(await visibilityOf(blocks(reopened).first())).toBe("auto");
  expect(await caretOf(blocks(reopened).last())).toBe("none");
});

test("a long reasoning follows its newest text in its box until the reader scrolls up in it, and again once back at the bottom", async ({
  chat,
  fake,
  uid,
  page,
}) => {
  const steps = Array.from({ length: 600 }, (_, i) => `Step s${i} of ${uid}.`);
  await fake.script({
    reasoningField: "reasoning_content",
    reasoning: steps.join("\n\n"),
    answer: `Done ${uid}.`,
    chunkSize: 2,
    chunkDelayMs: 40,
  });
  await chat.goto();
  await chat.send(fake.message(`Think at length ${uid}`));
  const msg = chat.lastAssistant();
  const box = page.locator(`[id="${await msg.reasoningToggle.getAttribute("aria-controls")}"]`);
  const gapBelow = () => box.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  const seen = (n: number) => expect(box).toContainText(`Step s${n} of ${uid}.`, { timeout: 30_000 });

  // Its box is capped and follows the newest step.
  await seen(40);
  await expect.poll(gapBelow).toBeLessThanOrEqual(8);
  expect(await box.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);

  // The reader scrolls up in it: the steps keep coming, and the place they read stays.
  await box.hover();
  await page.mouse.wheel(0, -150);
  await expect.poll(gapBelow).toBeGreaterThan(100);
  const readingAt = await box.evaluate((el) => el.scrollTop);
  await seen(120);
  expect(await box.evaluate((el) => el.scrollTop)).toBe(readingAt);
  expect(await gapBelow()).toBeGreaterThan(100);

  // Back at the bottom, it follows again.
  await box.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await seen(200);
  await expect.poll(gapBelow).toBeLessThanOrEqual(8);

  // Scrolling inside the box never unpinned the conversation: the end of the stopped answer is in view.
  await chat.stopButton.click();
  await chat.waitForIdle();
  await expect(msg.root.getByText("Stopped", { exact: true })).toBeInViewport();
});
