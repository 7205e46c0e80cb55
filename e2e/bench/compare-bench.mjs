// Target 2: is the comparison view responsive while six columns stream at once? /compare with six columns
// (a temperature sweep of the default preset, pointed at the fake provider), each streaming a markdown answer
// at 100 tok/s, the CPU throttled 4×; long tasks from the send until every column has finished.
import { instrumentPage, longTasksSince, markdownDoc, row, startProfile, taskDurationMs } from "./common.mjs";

const COLUMNS = 6;
const TEMPERATURES = "0, 0.3, 0.6, 0.9, 1.2, 1.5";
const THROTTLE = 4;
const TOKENS_PER_COLUMN = 1500; // 15 s at 100 tok/s

export async function compare(ctx) {
  const { id, marker } = await ctx.fake.script({
    reasoning: "",
    answer: markdownDoc(TOKENS_PER_COLUMN),
    chunkSize: 1,
    chunkDelayMs: 10,
  });
  const page = await ctx.newPage({ width: 1440, height: 900 });
  await page.addInitScript(instrumentPage, []);
  await page.goto(`${ctx.base}/compare`);
  await page.getByRole("textbox", { name: "Message", exact: true }).waitFor({ timeout: 30_000 });
  await page.waitForLoadState("networkidle");

  await page.getByRole("button", { name: "Sweep", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Parameter", { exact: true }).selectOption({ label: "Temperature" });
  await dialog.getByLabel("Values, separated by commas").fill(TEMPERATURES);
  await dialog.getByRole("button", { name: "Sweep", exact: true }).click();
  await page.getByRole("region", { name: `Column ${COLUMNS}`, exact: true }).waitFor();

  // From here on the page is reached by CSS only and waits poll slowly: role locators compute accessible
  // names over the whole page on its main thread, which would show up as the app's long tasks.
  const composer = page.locator('textarea[aria-label="Message"]');
  const whenShown = (label, timeout) =>
    page.waitForFunction((l) => document.querySelector(`button[aria-label="${l}"]`) !== null, label, {
      polling: 500,
      timeout,
    });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  const since = await page.evaluate(() => performance.now());
  const busyBefore = await taskDurationMs(cdp);
  const profile = await startProfile(page, cdp, "compare");
  await composer.fill(`Compare these ${marker}`);
  await composer.press("Enter");
  await whenShown("Stop all", 60_000);
  await whenShown("Send", (TOKENS_PER_COLUMN / 100) * 4 * 1000 + 60_000);
  const busyMs = (await taskDurationMs(cdp)) - busyBefore;
  await profile.stop();
  const tasks = await longTasksSince(page, since);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  const reqs = await ctx.fake.requests(id);
  await page.close();
  const streamMs = Math.max(...reqs.map((r) => r.endedAt)) - Math.min(...reqs.map((r) => r.startedAt));
  return {
    rows: [
      row(`${COLUMNS} columns × 100 tok/s, 4×: provider streams`, reqs.length, { target: String(COLUMNS) }),
      row(`${COLUMNS} columns × 100 tok/s, 4×: long tasks > 50 ms`, tasks.count, {
        target: "0",
        pass: tasks.count === 0,
      }),
      row(`${COLUMNS} columns × 100 tok/s, 4×: longest task`, Math.round(tasks.longest), {
        unit: "ms",
        target: "≤ 50 ms",
        pass: tasks.longest <= 50,
      }),
      row(`${COLUMNS} columns × 100 tok/s, 4×: main thread busy`, Math.round(busyMs), {
        unit: `ms of ${Math.round(streamMs)}`,
      }),
    ],
    details: { tasks, busyMs, streamMs, columns: reqs.length },
  };
}
