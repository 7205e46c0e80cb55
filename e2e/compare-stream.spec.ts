import { expect, test } from "./fixtures";

test("six columns streaming at once on a slow machine render their answers as Markdown while they stream, and Stop all stops them all", async ({
  compare,
  fake,
  page,
  uid,
}) => {
  test.setTimeout(120_000);
  // Sections of Markdown, 1 word every 10 ms per column: minutes of stream, ended by Stop all.
  const section = (i: number) =>
    `## Part ${i} of ${uid}\n\nSome **bold** words and a list:\n\n- one\n- two\n\n| a | b |\n| --- | --- |\n| ${i} | x |\n`;
  const answer = Array.from({ length: 400 }, (_, i) => section(i)).join("\n");
  await fake.script({ reasoning: "", answer, chunkSize: 1, chunkDelayMs: 10 });
  await compare.goto();
  await compare.sweep("Temperature", "0, 0.3, 0.6, 0.9, 1.2, 1.5");
  await expect(compare.columns).toHaveCount(6);

  // A mid-range laptop: the CPU throttled 4×, where each column's first Markdown render was put off until
  // the streams ended (the answers shown as raw `##` and `|` text meanwhile).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  try {
    await compare.send(fake.message(`Compare ${uid}`));
    for (let n = 1; n <= 6; n++) {
      const column = compare.column(n).root;
      await expect(column.getByRole("heading", { name: `Part 3 of ${uid}` })).toBeVisible({
        timeout: 30_000,
      });
      await expect(column.getByRole("table").first()).toBeVisible();
      await expect(column).not.toContainText(`## Part 3 of ${uid}`);
    }
    await expect(compare.stopAllButton).toBeVisible();
  } finally {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  }
  // Six streams hold every connection the browser opens to the server (HTTP/1.1): Stop all still stops
  // every turn on the server, and each column shows its answer as stored, stopped.
  await compare.stopAllButton.click();
  await compare.waitForIdle(30_000);
  await expect(async () => {
    const requests = await fake.chatRequests();
    expect(requests).toHaveLength(6);
    for (const r of requests) expect(r.aborted).toBe(true);
  }).toPass();
  for (let n = 1; n <= 6; n++) await expect(compare.column(n).lastAssistant().root).toContainText("Stopped");
});
