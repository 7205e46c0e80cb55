// Target 1: a long markdown answer (and the same volume as reasoning) streamed at 500 tok/s into the chat
// page with the CPU throttled 4×: long tasks, main-thread busy time, final paint after the last token, and
// re-renders of a finished message; anchored on a plain <pre> that appends the same stream (pass-through.mjs).
import {
  FAKE_KEY,
  instrumentPage,
  longTasksSince,
  MODEL_ID,
  markdownDoc,
  markerPainted,
  row,
  startProfile,
  taskDurationMs,
  uid,
} from "./common.mjs";

const THROTTLE = 4;
const WORDS_PER_CHUNK = 5;
const CHUNK_MS = 10; // 5 words every 10 ms: 500 tok/s

function scenarios(words, variant, endMarker) {
  const doc = markdownDoc(words);
  const pace = { chunkSize: WORDS_PER_CHUNK, chunkDelayMs: CHUNK_MS };
  return variant === "answer"
    ? { reasoning: "", answer: `${doc}\n\n${endMarker}`, ...pace }
    : { reasoning: doc, answer: `Done ${endMarker}`, ...pace };
}

async function measureApp(ctx, variant) {
  const endMarker = `ZZEND${uid()}ZZ`;
  const firstMarker = `ZZFIRST${uid()}ZZ`;
  const { id, marker } = await ctx.fake.script([
    { reasoning: "", answer: `A finished answer ${firstMarker}.` },
    scenarios(ctx.opts.tokens, variant, endMarker),
  ]);
  const page = await ctx.newPage();
  await page.addInitScript(instrumentPage, [firstMarker, endMarker]);
  await page.goto(`${ctx.base}/`);
  const composer = page.locator('textarea[aria-label="Message"]');
  await composer.waitFor({ timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  // A finished message first: the probe (if the build has one) shows whether it re-renders later.
  await composer.fill(`Warm up ${marker}`);
  await composer.press("Enter");
  await markerPainted(page, firstMarker, 30_000, "render: first answer");
  await page.waitForFunction(() => document.querySelector('button[aria-label="Send"]') !== null, null, {
    polling: 250,
    timeout: 30_000,
  });
  const countsBefore = await page.evaluate(() => structuredClone(window.__specialeRenderCounts ?? null));

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  const since = await page.evaluate(() => performance.now());
  const busyBefore = await taskDurationMs(cdp);
  const profile = await startProfile(page, cdp, `render-${variant}`);
  await composer.fill(`Write it all ${marker}`);
  await composer.press("Enter");
  const streamSeconds = ctx.opts.tokens / (WORDS_PER_CHUNK * (1000 / CHUNK_MS));
  const paintedAt = await markerPainted(
    page,
    endMarker,
    (streamSeconds * 10 + 60) * 1000,
    `render (${variant})`,
  );
  const busyMs = (await taskDurationMs(cdp)) - busyBefore;
  await profile.stop();
  const tasks = await longTasksSince(page, since);
  const countsAfter = await page.evaluate(() => structuredClone(window.__specialeRenderCounts ?? null));
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  const reqs = await ctx.fake.requests(id);
  const last = reqs.at(-1);
  await page.close();
  return {
    tasks,
    busyMs,
    streamMs: last.endedAt - last.startedAt,
    finalPaintMs: paintedAt - last.endedAt,
    rerenders: rerenderDelta(countsBefore, countsAfter),
  };
}

/** Renders of messages that were already finished, counted by the probe build's `__specialeRenderCounts`. */
function rerenderDelta(before, after) {
  if (!before || !after) return null;
  let n = 0;
  for (const [key, count] of Object.entries(before)) {
    if (typeof count === "number" && typeof after[key] === "number") n += after[key] - count;
  }
  return n;
}

async function measurePlain(ctx, variant) {
  const endMarker = `ZZEND${uid()}ZZ`;
  const { id, marker } = await ctx.fake.script(scenarios(ctx.opts.tokens, variant, endMarker));
  const page = await ctx.newPage();
  await page.addInitScript(instrumentPage, []);
  await page.goto(`${ctx.proxyUrl}/plain`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  const since = await page.evaluate(() => performance.now());
  const busyBefore = await taskDurationMs(cdp);
  await page.evaluate(
    ({ key, model, text, end }) =>
      window.__plain(
        "/aimlapi/v1/chat/completions",
        { "content-type": "application/json", authorization: `Bearer ${key}` },
        JSON.stringify({ model, stream: true, messages: [{ role: "user", content: text }] }),
        end,
      ),
    { key: FAKE_KEY, model: MODEL_ID, text: `Write it all ${marker}`, end: endMarker },
  );
  const paintedAt = await (
    await page.waitForFunction(() => window.__markerPaintedAt, null, { polling: 250, timeout: 60_000 })
  ).jsonValue();
  const busyMs = (await taskDurationMs(cdp)) - busyBefore;
  const tasks = await longTasksSince(page, since);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  const [req] = await ctx.fake.requests(id);
  await page.close();
  return { tasks, busyMs, streamMs: req.endedAt - req.startedAt, finalPaintMs: paintedAt - req.endedAt };
}

export async function render(ctx) {
  const rows = [];
  const details = {};
  for (const variant of ["answer", "reasoning"]) {
    const app = await measureApp(ctx, variant);
    const plain = await measurePlain(ctx, variant);
    details[variant] = { app, plain };
    const label = `${variant} ${ctx.opts.tokens} tok @500/s, 4×`;
    rows.push(
      row(`${label}: long tasks > 50 ms`, app.tasks.count, {
        anchor: plain.tasks.count,
        anchorLabel: "plain <pre>",
        target: "0",
        pass: app.tasks.count === 0,
      }),
      row(`${label}: longest task`, Math.round(app.tasks.longest), {
        unit: "ms",
        anchor: Math.round(plain.tasks.longest),
        anchorLabel: "plain <pre>",
        target: "≤ 50 ms",
        pass: app.tasks.longest <= 50,
      }),
      row(`${label}: main thread busy`, Math.round(app.busyMs), {
        unit: `ms of ${Math.round(app.streamMs)}`,
        anchor: Math.round(plain.busyMs),
        anchorLabel: "plain <pre>",
      }),
      row(`${label}: final paint after last token`, Math.round(app.finalPaintMs), {
        unit: "ms",
        anchor: Math.round(plain.finalPaintMs),
        anchorLabel: "plain <pre>",
        target: "< 100 ms",
        pass: app.finalPaintMs < 100,
      }),
    );
    if (variant === "answer")
      rows.push(
        row("finished message re-renders while one streams", app.rerenders ?? "n/a (no probe)", {
          target: "0",
          pass: app.rerenders === null ? null : app.rerenders === 0,
        }),
      );
  }
  return { rows, details };
}
