// Target 3: history at scale. Seeds one conversation of 1,000 messages (imported through the API) and
// 10,000 conversations (inserted with SQL into the app's own database file, in one transaction). Measures
// the conversation page before the 10,000 exist (server time, HTML, DOM, time to the last message, scroll
// position), then the
// sidebar's share of every page's HTML, the conversation list's server time, and a send's longest task.
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import {
  instrumentPage,
  longTasksSince,
  MODEL_ID,
  markdownDoc,
  markerPainted,
  median,
  PROVIDER_ID,
  row,
  sleep,
  startProfile,
  uid,
} from "./common.mjs";

const MESSAGES = 1000;
const CONVERSATIONS = 10_000;
const REPEATS = 7;

/** One GET, timed to the last byte (server time on loopback), with its size. */
function timedGet(url) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    http
      .get(url, (res) => {
        let bytes = 0;
        let body = "";
        res.on("data", (c) => {
          bytes += c.length;
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode, ms: performance.now() - t0, bytes, body }));
      })
      .on("error", (err) => reject(new Error(`GET ${url}: ${err.message}`)));
  });
}

async function repeatedGet(url) {
  await timedGet(url); // warm-up: compiled routes, statement caches
  const runs = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await timedGet(url));
  if (runs[0].status !== 200) throw new Error(`GET ${url} → ${runs[0].status}`);
  return { ms: median(runs.map((r) => r.ms)), bytes: runs[0].bytes, body: runs[0].body };
}

/** A few hundred words of prose and a list; every fifth answer is the full mix (code, table, math). */
function answerText(n, endMarker) {
  if (n % 5 === 0) return markdownDoc(250, endMarker);
  const para = `Part ${n} goes on from the previous answer: the observations agree with the model within a few percent, and the remaining differences come from the way the samples were taken, which the next step corrects by weighting each one by its error. `;
  return `${para.repeat(3)}\n\n- the first point of part ${n}\n- the second point\n- the third point\n\n${para.repeat(4)}${endMarker ? `\n\nDone: ${endMarker}.` : ""}`;
}

async function importLongConversation(base, endMarker) {
  const now = Date.now();
  const messages = [];
  for (let i = 0; i < MESSAGES; i += 2) {
    const at = now - (MESSAGES - i) * 60_000;
    messages.push({
      role: "user",
      content: `Question ${i / 2}: tell me more about part ${i / 2}.`,
      createdAt: at,
    });
    const last = i + 2 >= MESSAGES;
    messages.push({
      role: "assistant",
      content: answerText(i / 2, last ? endMarker : ""),
      providerId: PROVIDER_ID,
      modelId: MODEL_ID,
      status: "complete",
      createdAt: at + 1000,
    });
  }
  const file = {
    format: "speciale-playground/conversation",
    version: 1,
    exportedAt: now,
    conversation: {
      title: "Bench: a thousand messages",
      providerId: PROVIDER_ID,
      modelId: MODEL_ID,
      params: {},
      createdAt: now - MESSAGES * 60_000,
      updatedAt: now,
      messages,
    },
  };
  const res = await fetch(`${base}/api/conversations/import`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(file),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`import → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text).id;
}

/** 10,000 conversations of one exchange each, older than everything else, for the owner "local". */
function seedConversations(dbPath) {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 10000");
  const conv = db.prepare(
    "INSERT INTO conversations (id, owner_id, title, provider_id, model_id, params, created_at, updated_at) VALUES (?, 'local', ?, ?, ?, '{}', ?, ?)",
  );
  const msg = db.prepare(
    "INSERT INTO messages (id, conversation_id, seq, role, content, status, created_at) VALUES (?, ?, ?, ?, ?, 'complete', ?)",
  );
  const base = Date.now() - 10 * 365 * 24 * 3600_000;
  db.transaction(() => {
    for (let i = 0; i < CONVERSATIONS; i++) {
      const id = `seed-${i}-${uid()}`;
      const at = base + i * 60_000;
      conv.run(id, `Seeded conversation ${i} about tides and orbits`, PROVIDER_ID, MODEL_ID, at, at);
      msg.run(`${id}-u`, id, 0, "user", `Question ${i} about tides?`, at);
      msg.run(`${id}-a`, id, 1, "assistant", `An answer about tides, number ${i}.`, at + 1000);
    }
  })();
  db.close();
}

async function openLongConversation(ctx, id, endMarker) {
  const page = await ctx.newPage();
  // What went wrong in the page, if anything: an error would explain a figure out of line.
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.addInitScript(instrumentPage, [endMarker]);
  await page.goto(`${ctx.base}/c/${id}`, { timeout: 60_000 });
  await markerPainted(page, endMarker, 120_000, "history: last message");
  await page.waitForLoadState("networkidle");
  const r = await page.evaluate(
    ({ m }) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let inView = false;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.data.includes(m)) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const rect = range.getBoundingClientRect();
        inView = rect.bottom > 0 && rect.top < window.innerHeight && rect.height > 0;
        break;
      }
      return {
        nodes: document.getElementsByTagName("*").length,
        inView,
        // performance.now() counts from the navigation's start.
        visibleMs: window.__markerPerf[m],
      };
    },
    { m: endMarker },
  );
  // Not at the latest message: what the page showed instead.
  const screenshot = r.inView ? undefined : path.join(os.tmpdir(), `bench-history-${uid()}.png`);
  if (screenshot) await page.screenshot({ path: screenshot });
  await page.close();
  return { ...r, errors, screenshot };
}

/**
 * Requests of the page from now on; `quiet()` resolves once none has been in flight for `quietMs`.
 * (Playwright's "networkidle" is a load state, reached once per navigation: waited for again after a send,
 * it returns at once.)
 */
function trackRequests(page) {
  const inFlight = new Set();
  let changedAt = performance.now();
  const started = (r) => {
    inFlight.add(r);
    changedAt = performance.now();
  };
  const ended = (r) => {
    inFlight.delete(r);
    changedAt = performance.now();
  };
  page.on("request", started);
  page.on("requestfinished", ended);
  page.on("requestfailed", ended);
  return {
    async quiet(quietMs = 500, timeoutMs = 60_000) {
      const deadline = performance.now() + timeoutMs;
      while (inFlight.size > 0 || performance.now() - changedAt < quietMs) {
        if (performance.now() > deadline)
          throw new Error(`requests still in flight: ${[...inFlight].map((r) => r.url()).join(", ")}`);
        await sleep(50);
      }
    },
  };
}

/**
 * A send on `/` with the 10,000 conversations: long tasks from typing the message until the page is quiet
 * again after the answer (its stream, the URL becoming /c/<id>, the sidebar and the route refreshed). The
 * answer streams in a few chunks, as any real one does, so that it renders as Markdown while it streams —
 * an answer arriving in one chunk is often first rendered finished, as plain paragraphs, and the send then
 * measured without the Markdown renderer's first render.
 */
async function sendWithManyConversations(ctx) {
  const done = `ZZSENT${uid()}ZZ`;
  const { marker } = await ctx.fake.script({
    reasoning: "",
    answer: `A **quick** answer about tides:\n\n- the moon pulls the water\n- the sun too, less\n\nDone: ${done}.`,
    chunkDelayMs: 20,
  });
  const page = await ctx.newPage();
  await page.addInitScript(instrumentPage, [done]);
  await page.goto(`${ctx.base}/`, { timeout: 60_000 });
  const composer = page.locator('textarea[aria-label="Message"]');
  await composer.waitFor({ timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  const cdp = await page.context().newCDPSession(page);
  const profile = await startProfile(page, cdp, "history-send");
  const requests = trackRequests(page);
  const since = await page.evaluate(() => performance.now());
  // A page blocked for tens of seconds by its sidebar is what is measured here: generous action timeouts.
  await composer.fill(`Hello ${marker}`, { timeout: 120_000 });
  await composer.press("Enter", { timeout: 120_000 });
  await markerPainted(page, done, 120_000, "history: send with 10k conversations");
  await requests.quiet();
  const tasks = await longTasksSince(page, since);
  await profile.stop();
  await page.close();
  return tasks;
}

export async function history(ctx) {
  const emptyHome = await repeatedGet(`${ctx.base}/`);
  const emptyList = await repeatedGet(`${ctx.base}/api/conversations`);
  const endMarker = `ZZHIST${uid()}ZZ`;
  const id = await importLongConversation(ctx.base, endMarker);
  // The long conversation is measured before the 10,000 others exist, so its figures are its own.
  const conv = await repeatedGet(`${ctx.base}/c/${id}`);
  const opened = await openLongConversation(ctx, id, endMarker);
  seedConversations(ctx.dbPath);
  const home = await repeatedGet(`${ctx.base}/`);
  const list = await repeatedGet(`${ctx.base}/api/conversations`);
  // Full-text search: a word in every seeded title and message (the worst case: 30,000 matches), and one in a
  // single conversation.
  const searchCommon = await repeatedGet(`${ctx.base}/api/search?q=tides`);
  const searchRare = await repeatedGet(`${ctx.base}/api/search?q=4242`);
  // Reported as not measured rather than losing the other figures when the page never becomes usable.
  const send = await sendWithManyConversations(ctx).catch((err) => ({ error: err.message.split("\n")[0] }));
  const sidebarBytes = home.bytes - emptyHome.bytes;
  const kB = (b) => Math.round(b / 1024);
  return {
    rows: [
      row("1,000 messages: GET /c/<id> server time (median)", Math.round(conv.ms), {
        unit: "ms",
        anchor: Math.round(emptyHome.ms),
        anchorLabel: "GET / before the 10,000",
        target: "< 150 ms",
        pass: conv.ms < 150,
      }),
      row("1,000 messages: HTML of /c/<id>", kB(conv.bytes), { unit: "kB" }),
      row("1,000 messages: DOM nodes after load", opened.nodes, {
        target: "< 5,000",
        pass: opened.nodes < 5000,
      }),
      row("1,000 messages: last message painted after navigation", Math.round(opened.visibleMs), {
        unit: "ms",
        target: "< 1,000 ms",
        pass: opened.visibleMs < 1000 && opened.inView,
      }),
      row("1,000 messages: opens at the latest message", opened.inView ? "yes" : "no (top)", {
        target: "yes",
        pass: opened.inView,
      }),
      row("10,000 conversations: sidebar HTML on every page", kB(sidebarBytes), {
        unit: "kB",
        anchor: kB(emptyHome.bytes),
        anchorLabel: "GET / before them (kB)",
        target: "< 50 kB",
        pass: sidebarBytes < 50 * 1024,
      }),
      row(
        "10,000 conversations: GET /api/conversations server time (median)",
        Math.round(list.ms * 10) / 10,
        {
          unit: "ms",
          anchor: Math.round(emptyList.ms * 10) / 10,
          anchorLabel: "same, before them",
          target: "< 20 ms",
          pass: list.ms < 20,
        },
      ),
      row("10,000 conversations: GET /api/conversations size", kB(list.bytes), { unit: "kB" }),
      row(
        "10,000 conversations: GET /api/search server time, a word in all of them (median)",
        Math.round(searchCommon.ms * 10) / 10,
        { unit: "ms", target: "< 50 ms", pass: searchCommon.ms < 50 },
      ),
      row(
        "10,000 conversations: GET /api/search server time, a word in one (median)",
        Math.round(searchRare.ms * 10) / 10,
        { unit: "ms", target: "< 50 ms", pass: searchRare.ms < 50 },
      ),
      row(
        "10,000 conversations: longest task during a send",
        send.error ? `not measured: ${send.error}` : Math.round(send.longest),
        { unit: send.error ? "" : "ms", target: "≤ 50 ms", pass: send.error ? false : send.longest <= 50 },
      ),
    ],
    details: {
      conv: { ms: conv.ms, bytes: conv.bytes },
      opened,
      home: home.bytes,
      emptyHome: emptyHome.bytes,
      list: { ms: list.ms, bytes: list.bytes },
      search: { common: searchCommon.ms, rare: searchRare.ms },
      send,
    },
  };
}
