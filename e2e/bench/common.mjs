// Shared pieces of the bench scenarios: the fake provider's control API, a markdown document of a given
// length, POST /api/chat from Node, page instrumentation, medians and result rows.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The preset every scenario talks to (pointed at the fake provider's /aimlapi/v1 host). */
export const PROVIDER_ID = "aimlapi";
export const MODEL_ID = "deepseek/deepseek-v3.2-speciale";
export const FAKE_KEY = "sk-bench-aiml-key";

export const uid = () => randomUUID().replaceAll("-", "").slice(0, 12);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A result row of the table: `pass` is null when the figure has no target or could not be measured. */
export function row(
  figure,
  value,
  { unit = "", anchor = null, anchorLabel = "", target = "", pass = null } = {},
) {
  const ratio = typeof value === "number" && typeof anchor === "number" && anchor > 0 ? value / anchor : null;
  return { figure, value, unit, anchor, anchorLabel, ratio, target, pass };
}

/** The fake provider's control API (e2e/fake-provider/server.ts). */
export function fakeClient(fakeUrl) {
  const call = async (method, path, body) => {
    const res = await fetch(`${fakeUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`fake-provider ${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
    return text === "" ? null : JSON.parse(text);
  };
  return {
    /** Registers a scenario (or one per successive request) and returns the marker selecting it. */
    async script(scenarioOrSteps) {
      const id = `bench-${uid()}`;
      await call(
        "POST",
        "/__control/scripts",
        Array.isArray(scenarioOrSteps) ? { id, steps: scenarioOrSteps } : { id, scenario: scenarioOrSteps },
      );
      return { id, marker: `[[fake:${id}]]` };
    },
    /** The chat requests recorded for a script, oldest first (startedAt/endedAt are Date.now() in the fake). */
    async requests(id) {
      const r = await call("GET", `/__control/requests?script=${encodeURIComponent(id)}`);
      return (Array.isArray(r) ? r : r.requests).filter((q) => q.path.endsWith("/chat/completions"));
    },
  };
}

const TOPICS = ["tides", "orbits", "glaciers", "compilers", "enzymes", "markets", "rivers", "proteins"];

/**
 * Markdown of at least `words` whitespace-separated words (the fake provider streams `chunkSize` of them per
 * chunk; the bench counts one word as one token): headings, paragraphs with inline code and $math$, lists,
 * fenced code, tables and display math, in a repeating section.
 */
export function markdownDoc(words, endMarker = "") {
  const parts = [];
  let n = 0;
  let i = 0;
  const add = (s) => {
    parts.push(s);
    n += (s.match(/\S+/g) ?? []).length;
  };
  while (n < words) {
    const t = TOPICS[i % TOPICS.length];
    add(`## ${i + 1}. On ${t} and their measurement\n`);
    add(
      `The study of ${t} begins with careful observation. Section ${i} considers how **${t}** change over time, ` +
        `why the rate $r_{${i}} = \\frac{\\Delta x}{\\Delta t}$ matters, and how a \`sample_${i}\` is taken. ` +
        `Each measurement is noted, compared with the previous one and checked against the model, ` +
        `so that errors of *a few percent* can be told apart from real change in the ${t}.\n`,
    );
    add(
      `- first, record the ${t} at dawn\n- then compare with yesterday's value\n- finally, plot the trend\n`,
    );
    add(`1. collect\n2. clean\n3. fit the model with $\\sigma^2 = ${i % 7}$\n`);
    add(
      "```ts\n" +
        `export function measure${i}(xs: number[]): number {\n` +
        "  let sum = 0;\n  for (const x of xs) sum += x * x;\n  return Math.sqrt(sum / xs.length);\n}\n```\n",
    );
    add(
      `| ${t} | value | error |\n| --- | ---: | ---: |\n| a | ${i} | 0.${i % 10} |\n| b | ${i + 1} | 0.5 |\n`,
    );
    add(`$$\\int_0^1 x^{${i % 9}}\\,dx = \\frac{1}{${(i % 9) + 1}}$$\n`);
    i++;
  }
  if (endMarker) parts.push(`Done: ${endMarker}.`);
  return parts.join("\n");
}

/** POST /api/chat as a client of the app; returns the raw UI message stream and when its events arrived. */
export async function postChat(base, text, { conversationId = `bench-${uid()}`, headers = {} } = {}) {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({
      conversationId,
      trigger: "submit",
      message: { id: `m-${uid()}`, text },
      providerId: PROVIDER_ID,
      modelId: MODEL_ID,
      params: {},
    }),
  });
  if (res.status !== 200)
    throw new Error(`POST /api/chat → ${res.status}: ${(await res.text()).slice(0, 300)}`);
  let firstTokenMs = null;
  let raw = "";
  let deltas = 0;
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    const s = decoder.decode(chunk, { stream: true });
    raw += s;
    const count = (s.match(/"type":"(text|reasoning)-delta"/g) ?? []).length;
    if (count && firstTokenMs === null) firstTokenMs = performance.now() - t0;
    deltas += count;
  }
  return { conversationId, raw, firstTokenMs, deltas, totalMs: performance.now() - t0 };
}

/** POST …/chat/completions straight to an OpenAI-compatible URL (the fake, or the pass-through in front). */
export async function postCompletion(baseUrl, text) {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/aimlapi/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${FAKE_KEY}` },
    body: JSON.stringify({ model: MODEL_ID, stream: true, messages: [{ role: "user", content: text }] }),
  });
  if (res.status !== 200) throw new Error(`completion → ${res.status}: ${(await res.text()).slice(0, 300)}`);
  let firstTokenMs = null;
  let deltas = 0;
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    const s = decoder.decode(chunk, { stream: true });
    const count = (s.match(/"content":"/g) ?? []).length;
    if (count && firstTokenMs === null) firstTokenMs = performance.now() - t0;
    deltas += count;
  }
  return { firstTokenMs, deltas, totalMs: performance.now() - t0 };
}

/**
 * Page instrumentation, installed before any page script: long tasks (buffered) in `__longTasks`, and the
 * moment (one animation frame after the DOM change) each watched marker text first appears in the DOM:
 * `__markerAt[marker]` (Date.now()) and `__markerPerf[marker]` (performance.now()).
 */
export function instrumentPage(watch = []) {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  window.__markerAt = {};
  window.__markerPerf = {};
  const pending = new Set(watch);
  const seen = (m) => {
    pending.delete(m);
    requestAnimationFrame(() => {
      // Date.now(): the fake provider's clock (performance.timeOrigin drifts from it by tens of ms).
      window.__markerAt[m] = Date.now();
      window.__markerPerf[m] = performance.now();
    });
  };
  const check = (text) => {
    for (const m of pending) if (text?.includes(m)) seen(m);
  };
  // Only the changed nodes are read, so the watch costs little next to the render it observes.
  new MutationObserver((records) => {
    if (pending.size === 0) return;
    for (const r of records) {
      if (r.type === "characterData") check(r.target.data);
      else for (const node of r.addedNodes) check(node.textContent);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/** Long tasks recorded since `since` (performance.now() in the page). */
export async function longTasksSince(page, since) {
  const tasks = await page.evaluate((s) => window.__longTasks.filter((t) => t.start >= s), since);
  const durations = tasks.map((t) => t.duration).sort((a, b) => b - a);
  return { count: durations.length, longest: durations[0] ?? 0, top: durations.slice(0, 5).map(Math.round) };
}

/** Resolves with the epoch ms at which `marker` was painted; throws a clear error after `timeoutMs`. */
export async function markerPainted(page, marker, timeoutMs, what) {
  try {
    const handle = await page.waitForFunction((m) => window.__markerAt?.[m], marker, {
      polling: 250,
      timeout: timeoutMs,
    });
    return await handle.jsonValue();
  } catch (err) {
    throw new Error(
      `${what}: "${marker}" did not appear within ${Math.round(timeoutMs / 1000)} s (${err.message.split("\n")[0]})`,
    );
  }
}

/** Main-thread task time (CDP Performance.getMetrics TaskDuration), in ms. */
export async function taskDurationMs(cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return (metrics.find((m) => m.name === "TaskDuration")?.value ?? 0) * 1000;
}

/**
 * BENCH_PROFILE=dir (diagnostics): a CPU profile (`<name>.cpuprofile`) and a timeline trace
 * (`<name>.trace.json`) of the page from here until `stop()`, to open in Chrome DevTools.
 */
export async function startProfile(page, cdp, name) {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return { stop: async () => {} };
  fs.mkdirSync(dir, { recursive: true });
  const browser = page.context().browser();
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  await browser.startTracing(page, {
    path: path.join(dir, `${name}.trace.json`),
    // toplevel: the tasks themselves (RunTask), so that a long task's parts can be read from the trace; v8:
    // what of a script's evaluation is compiling (V8.ParseFunction, V8.CompileCode) and what is running it
    categories: [
      "devtools.timeline",
      "toplevel",
      "disabled-by-default-devtools.timeline",
      "v8",
      "disabled-by-default-v8.compile",
    ],
  });
  return {
    async stop() {
      const { profile } = await cdp.send("Profiler.stop");
      await browser.stopTracing();
      fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    },
  };
}
