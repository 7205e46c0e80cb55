import { importConversation } from "./app-api";
import { OFFLINE_APP_URL } from "./env";
import { expect, test } from "./fixtures";

// The app with no provider: the offline specs do not look at its sidebar, so the 60 conversations seeded
// here push no other spec's conversation off the sidebar's first page.
test.use({ baseURL: OFFLINE_APP_URL });

test("a long conversation opens at its latest message and loads earlier ones as it is scrolled up", async ({
  page,
  request,
  uid,
}) => {
  // Opening at the latest 12 messages, then pages of 20: four pages to the first message.
  test.setTimeout(90_000);
  const turns = 40;
  const { url } = await importConversation(request, `Long ${uid}`, turns);
  await page.goto(url);

  await expect(page.getByText(`Answer ${turns - 1}.`)).toBeInViewport();
  // Only the latest messages are in the page: the first question is not, and the DOM stays small.
  await expect(page.getByText("Question 0", { exact: true })).toHaveCount(0);
  const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  expect(nodes).toBeLessThan(5000);

  // Scrolling to the top of what is rendered loads the page before it, above the reader: the message that
  // was at the top stays in view instead of the view jumping to the newly loaded oldest one.
  const firstShown = await page
    .getByText(/^Question \d+$/)
    .first()
    .textContent();
  const firstTurn = Number(firstShown?.replace("Question ", ""));
  expect(firstTurn).toBeGreaterThan(0);
  const topQuestion = page.getByText(`Question ${firstTurn}`, { exact: true });
  await page.getByText(`Answer ${turns - 1}.`).hover();
  await page.mouse.wheel(0, -100_000);
  await expect(page.getByText(`Question ${firstTurn - 1}`, { exact: true })).toBeAttached();
  await expect(topQuestion).toBeInViewport();
  await expect(page.getByText(/^Question \d+$/).first()).not.toBeInViewport();

  // Scrolling on up reaches the very first message.
  await expect(async () => {
    await page.mouse.wheel(0, -100_000);
    await expect(page.getByText("Question 0", { exact: true })).toBeInViewport({ timeout: 1000 });
  }).toPass({ intervals: [100] });
  await expect(page.getByRole("button", { name: "Show earlier messages" })).toHaveCount(0);
  await expect(page.getByText(/^Question \d+$/)).toHaveCount(turns);
});

test("the sidebar loads more conversations as it is scrolled", async ({ page, request, uid }) => {
  const count = 60;
  for (let i = 0; i < count; i++) await importConversation(request, `Scroll ${uid} ${i}`, 1);
  // The server renders the first page only (the newest 30): the oldest is not in the page's HTML.
  const html = await (await request.get("/")).text();
  expect(html).toContain(`Scroll ${uid} ${count - 1}<`);
  expect(html).not.toContain(`Scroll ${uid} 0<`);

  await page.goto("/");
  const history = page.getByRole("navigation", { name: "Conversation history" });
  const mine = history.getByRole("link", { name: new RegExp(`^Scroll ${uid} \\d+$`) });
  await expect(history.getByRole("link", { name: `Scroll ${uid} ${count - 1}`, exact: true })).toBeVisible();
  await expect(async () => {
    await history.hover();
    await page.mouse.wheel(0, 100_000);
    await expect(history.getByRole("link", { name: `Scroll ${uid} 0`, exact: true })).toBeInViewport({
      timeout: 1000,
    });
  }).toPass({ intervals: [100] });
  await expect(mine).toHaveCount(count);
});
