#!/usr/bin/env node
// `npm run loadtest`: two `next start` instances on ONE SQLite file, many concurrent chats, nothing lost.
// `npm run loadtest -- --postgres`: the same on one PostgreSQL database, with Redis between the instances.
//
// Starts the fake OpenAI-compatible provider (e2e/fake-provider/server.ts) and the production build in
// NEXT_DIST_DIR (`.next`; built first when there is none) twice, on two ports and the same DATABASE_PATH
// in a temporary directory — or, with --postgres, the same DATABASE_URL (a throwaway PostgreSQL,
// e2e/pg/postgres.mjs) and REDIS_URL (a throwaway redis-server). Two phases:
//
//  1. start-up: instance 1 alone streams LOADTEST_STARTUP_CHATS (20) long answers; once every one of them
//     has streamed its first tokens, instance 2 starts (opening the database, running its start-up
//     maintenance). Read through instance 2 while instance 1 is still streaming, every one of those
//     answers must still be `streaming` — a starting instance must not mark a live instance's answers as
//     interrupted — and each must end `complete`.
//  2. load: LOADTEST_CHATS (100) concurrent chats, each a new conversation, split between the instances;
//     every stream is read to its end, then every conversation is read back through the OTHER instance:
//     the answer must be stored `complete` with exactly the reasoning and text the fake provider sent.
//     With --postgres, every 5th chat (streamed as slowly as phase 1's) is also followed through the OTHER
//     instance (GET /api/chat/:id/stream once its first tokens arrived, relayed through Redis): it must get
//     the POST response's bytes exactly.
//
// Errors counted: HTTP errors, stream errors (error chunks, a status other than complete), answers stored
// incomplete or different, relays that differ, SQLITE_BUSY / "database is locked" lines in the servers'
// logs, and PostgreSQL or Redis errors there. Prints a
// summary and exits 1 when there is any error. Not part of `npm test` (it takes about a minute).
//
// Env: LOADTEST_CHATS, LOADTEST_STARTUP_CHATS, LOADTEST_ANSWER_WORDS (300), LOADTEST_CHUNK_DELAY_MS (15),
// LOADTEST_APP_PORTS ("3250,3251"; default: free ports), LOADTEST_FAKE_PORT (default: a free port),
// LOADTEST_KEEP=1 keeps the temporary directory (database and server logs).
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { startTestRedis } from "../../lib/testing/redis-server.ts";
import { freePort, waitForOk } from "../local-servers.mjs";
import { startPostgres } from "../pg/postgres.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const distDir = process.env.NEXT_DIST_DIR || ".next";
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const CHATS = Number(process.env.LOADTEST_CHATS || 100);
const STARTUP_CHATS = Number(process.env.LOADTEST_STARTUP_CHATS || 20);
const ANSWER_WORDS = Number(process.env.LOADTEST_ANSWER_WORDS || 300);
const CHUNK_DELAY_MS = Number(process.env.LOADTEST_CHUNK_DELAY_MS || 15);
// Long enough that instance 2 is up well before instance 1's start-up phase answers end.
const STARTUP_CHUNK_DELAY_MS = 60;
const PROVIDER = { providerId: "custom", modelId: "fake-reasoner" };
const POSTGRES = process.argv.includes("--postgres");
/** with --postgres, chats n % RELAY_EVERY === 0 are also followed through the other instance */
const RELAY_EVERY = 5;

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 23 || (major === 23 && minor < 6)) {
  console.error(`Node ${process.version} cannot run the fake provider; use \`npm run loadtest\` (Node 24).`);
  process.exit(1);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "speciale-loadtest-"));
const dbPath = path.join(dir, "shared.db");
const children = [];
/** with --postgres: the throwaway PostgreSQL and redis-server, stopped at the end */
const services = [];

/** Start a process with its output in a log file of the run directory. */
function start(name, args, env) {
  const logFile = path.join(dir, `${name}.log`);
  const out = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  children.push(child);
  return { child, logFile };
}

function stopAll() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
}
async function stopServices() {
  await Promise.all(services.splice(0).map((s) => s.stop().catch(() => {})));
}
process.on("exit", stopAll);
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, async () => {
    stopAll();
    await stopServices();
    process.exit(130);
  });
}

// --- the fake provider's answers: realistic prose, different for every chat ---------------------------

const WORDS =
  "the a of to and in that is for it with as on was by this be are from at or an which have not but its " +
  "model tokens answer reasoning sampling temperature stream server database request latency context " +
  "window memory prompt result value function language people time water light energy system network " +
  "because however therefore first then finally often usually quickly carefully simple important"
    .split(" ")
    .filter(Boolean);

function prose(seed, count) {
  let x = seed * 2654435761 + 1;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x;
  };
  const out = [];
  for (let i = 0; i < count; i++) {
    let w = WORDS[next() % WORDS.length];
    if (i === 0 || out[i - 1].endsWith(".")) w = w[0].toUpperCase() + w.slice(1);
    out.push(next() % 11 === 0 || i === count - 1 ? `${w}.` : w);
  }
  return out.join(" ");
}

async function registerScript(fakeUrl, id, scenario) {
  const res = await fetch(`${fakeUrl}/__control/scripts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id, scenario }),
  });
  if (!res.ok) throw new Error(`fake provider: ${res.status} ${await res.text()}`);
}

// --- one chat through POST /api/chat, read to the end ---------------------------------------------------

function parseUiStream(raw) {
  let reasoning = "";
  let text = "";
  let metadata = {};
  const errors = [];
  let done = false;
  for (const line of raw.split(/\r?\n/)) {
    if (!line.startsWith("data:")) continue;
    const data = line.slice(5).trim();
    if (data === "[DONE]") done = true;
    if (data === "[DONE]" || data === "") continue;
    const c = JSON.parse(data);
    if (c.type === "reasoning-delta") reasoning += c.delta;
    if (c.type === "text-delta") text += c.delta;
    if (c.type === "error") errors.push(c.errorText);
    if (c.messageMetadata) metadata = { ...metadata, ...c.messageMetadata };
  }
  return { reasoning, text, metadata, errors, done };
}

/**
 * POST one new conversation's first message and read the stream to its end. `onFirstToken(conversationId)`
 * fires when the first reasoning or text delta arrived (an event the start-up phase waits on).
 */
async function chat(appUrl, n, expected, onFirstToken = () => {}) {
  const conversationId = randomUUID();
  const r = { n, appUrl, conversationId, expected, ok: false, problems: [] };
  const started = performance.now();
  try {
    const res = await fetch(`${appUrl}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: appUrl },
      body: JSON.stringify({
        conversationId,
        trigger: "submit",
        message: { id: randomUUID(), text: `Load test chat ${n} ${expected.marker}` },
        ...PROVIDER,
        params: {},
      }),
    });
    r.status = res.status;
    if (!res.ok || !res.body) {
      r.problems.push(`http ${res.status}: ${(await res.text()).slice(0, 200)}`);
      return r;
    }
    const decoder = new TextDecoder();
    let raw = "";
    let sawToken = false;
    for await (const bytes of res.body) {
      r.ttfbMs ??= performance.now() - started;
      raw += decoder.decode(bytes, { stream: true });
      if (!sawToken && raw.includes('-delta"')) {
        sawToken = true;
        onFirstToken(conversationId);
      }
    }
    r.totalMs = performance.now() - started;
    r.raw = raw;
    const s = parseUiStream(raw);
    if (!s.done) r.problems.push("stream ended without [DONE]");
    for (const e of s.errors) r.problems.push(`stream error: ${e}`);
    if (s.metadata.status !== "complete") {
      r.problems.push(`stream status ${s.metadata.status}: ${s.metadata.error?.message ?? ""}`);
    }
    if (s.text !== expected.answer) r.problems.push("streamed text differs from what the provider sent");
    if (s.reasoning !== expected.reasoning) r.problems.push("streamed reasoning differs");
    r.ok = r.problems.length === 0;
  } catch (err) {
    r.problems.push(`fetch failed: ${err.message}`);
  }
  return r;
}

/** GET /api/chat/:id/stream through an instance, read to its end: the raw event-stream text. */
async function follow(appUrl, conversationId) {
  try {
    const res = await fetch(`${appUrl}/api/chat/${conversationId}/stream`);
    if (res.status !== 200) return { problem: `resume answered ${res.status}` };
    return { raw: await res.text() };
  } catch (err) {
    return { problem: `resume failed: ${err.message}` };
  }
}

const partText = (m, type) =>
  m.parts
    .filter((p) => p.type === type)
    .map((p) => p.text)
    .join("");

async function conversation(appUrl, id) {
  const res = await fetch(`${appUrl}/api/conversations/${id}`);
  if (!res.ok) throw new Error(`GET /api/conversations/${id} → ${res.status}`);
  return res.json();
}

/** Read a chat's conversation back (through another instance) and check the stored answer. */
async function verifyStored(appUrl, r) {
  try {
    const conv = await conversation(appUrl, r.conversationId);
    const [user, answer, ...rest] = conv.messages;
    if (user?.role !== "user" || !partText(user, "text").includes(r.expected.marker)) {
      return "user message missing";
    }
    if (answer?.role !== "assistant" || rest.length > 0) return `${conv.messages.length} messages stored`;
    if (answer.metadata?.status !== "complete") return `stored status ${answer.metadata?.status}`;
    if (partText(answer, "text") !== r.expected.answer) return "stored text incomplete or different";
    if (partText(answer, "reasoning") !== r.expected.reasoning) return "stored reasoning different";
    return undefined;
  } catch (err) {
    return err.message;
  }
}

function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function busyLines(logFile) {
  return fs
    .readFileSync(logFile, "utf8")
    .split("\n")
    .filter((l) =>
      /SQLITE_BUSY|database is locked|deadlock detected|could not serialize|too many clients|\[turns\]/i.test(
        l,
      ),
    );
}

// --- the run --------------------------------------------------------------------------------------------

if (!fs.existsSync(path.join(root, distDir, "BUILD_ID"))) {
  console.log(`No build in ${distDir}; building…`);
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: distDir },
    stdio: "inherit",
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const appPorts = process.env.LOADTEST_APP_PORTS
  ? process.env.LOADTEST_APP_PORTS.split(",").map(Number)
  : [await freePort(), await freePort()];
const fakePort = Number(process.env.LOADTEST_FAKE_PORT) || (await freePort());
const fakeUrl = `http://127.0.0.1:${fakePort}`;
const appUrls = appPorts.map((p) => `http://127.0.0.1:${p}`);

let shared = { DATABASE_PATH: dbPath, DATABASE_URL: "", REDIS_URL: "" };
if (POSTGRES) {
  const pg = await startPostgres();
  services.push(pg);
  const redis = await startTestRedis();
  if (!redis) {
    console.error("redis-server is not installed (Debian: apt-get install -y redis-server)");
    await stopServices();
    process.exit(1);
  }
  services.push(redis);
  // PLAYGROUND_SECRET is required with DATABASE_URL: the instances on one database share it.
  shared = {
    DATABASE_PATH: "",
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    PLAYGROUND_SECRET: "loadtest-secret-0123456789abcdef0123456789",
  };
}

const appEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_DIST_DIR: distDir,
  ...shared,
  PROVIDER_MAX_RETRIES: "0",
  // Many streams at once are what is measured: the per-process cap on running answers (default 16) is lifted.
  MAX_ACTIVE_TURNS: "1000",
  // Only the fake provider, as the "custom" OpenAI-compatible server; no real key from the shell.
  AIMLAPI_API_KEY: "",
  ATLASCLOUD_API_KEY: "",
  DEEPSEEK_API_KEY: "",
  OPENAI_COMPATIBLE_BASE_URL: `${fakeUrl}/custom/v1`,
  OPENAI_COMPATIBLE_MODEL: PROVIDER.modelId,
  OPENAI_COMPATIBLE_API_KEY: "",
};
const startApp = (i) =>
  start(`app${i + 1}`, [nextBin, "start", "-H", "127.0.0.1", "-p", String(appPorts[i])], appEnv);

console.log(
  `Load test: build ${distDir}, database ${POSTGRES ? `PostgreSQL ${shared.DATABASE_URL.replace(/:[^:@/]*@/, ":…@")} + Redis ${shared.REDIS_URL}` : dbPath}`,
);
start("fake-provider", ["e2e/fake-provider/server.ts"], {
  ...process.env,
  FAKE_PROVIDER_PORT: String(fakePort),
});
await waitForOk(`${fakeUrl}/__control/health`);

const runId = Date.now().toString(36);
async function expectation(n, chunkDelayMs) {
  const id = `lt-${runId}-${n}`;
  const expected = {
    marker: `[[fake:${id}]]`,
    reasoning: prose(n + 7919, 40),
    answer: `Answer ${n}. ${prose(n, ANSWER_WORDS)}`,
  };
  await registerScript(fakeUrl, id, {
    reasoning: expected.reasoning,
    answer: expected.answer,
    chunkSize: 2,
    chunkDelayMs,
  });
  return expected;
}

const logs = [startApp(0).logFile];
await waitForOk(`${appUrls[0]}/api/health`);

// Phase 1: instance 2 starts while instance 1 streams.
console.log(`Phase 1: instance 2 starts while instance 1 streams ${STARTUP_CHATS} answers…`);
let firstTokens = 0;
let allStreaming;
const allStreamingNow = new Promise((resolve) => {
  allStreaming = resolve;
});
const startupChats = [];
for (let i = 0; i < STARTUP_CHATS; i++) {
  const expected = await expectation(10_000 + i, STARTUP_CHUNK_DELAY_MS);
  startupChats.push(
    chat(appUrls[0], 10_000 + i, expected, () => {
      if (++firstTokens === STARTUP_CHATS) allStreaming();
    }),
  );
}
await Promise.race([allStreamingNow, Promise.all(startupChats)]);
logs.push(startApp(1).logFile);
await waitForOk(`${appUrls[1]}/api/health`);
// Conversation ids are only known inside `chat`; list them through instance 2 instead.
const listed = (await (await fetch(`${appUrls[1]}/api/conversations`)).json()).conversations;
const midStatuses = await Promise.all(
  listed.map(async (c) => {
    const conv = await conversation(appUrls[1], c.id);
    return conv.messages.at(-1)?.metadata?.status;
  }),
);
const startupResults = await Promise.all(startupChats);
const stillStreaming = midStatuses.filter((s) => s === "streaming").length;
const markedInterrupted = midStatuses.filter((s) => s === "error").length;
const startupProblems = [];
if (listed.length !== STARTUP_CHATS) startupProblems.push(`${listed.length} conversations listed`);
if (stillStreaming !== STARTUP_CHATS) {
  startupProblems.push(
    `${STARTUP_CHATS - stillStreaming} answers not streaming when instance 2 was up ` +
      `(${markedInterrupted} marked interrupted)`,
  );
}
for (const r of startupResults) {
  const stored = r.ok ? await verifyStored(appUrls[1], r) : undefined;
  if (stored) r.problems.push(stored);
  if (r.problems.length > 0) startupProblems.push(`chat ${r.n}: ${r.problems.join("; ")}`);
}

// Phase 2: concurrent chats split between the two instances.
console.log(`Phase 2: ${CHATS} concurrent chats split between ${appUrls.join(" and ")}…`);
const expectations = [];
// A followed chat streams as slowly as phase 1's, so that it is still streaming when its follower asks,
// however loaded the machine: a finished answer is rightly not relayed (204).
const followed = (n) => POSTGRES && n % RELAY_EVERY === 0;
for (let n = 0; n < CHATS; n++) {
  expectations.push(await expectation(n, followed(n) ? STARTUP_CHUNK_DELAY_MS : CHUNK_DELAY_MS));
}
const t0 = performance.now();
const relays = new Map();
const results = await Promise.all(
  expectations.map((e, n) =>
    chat(appUrls[n % 2], n, e, (conversationId) => {
      if (followed(n)) relays.set(n, follow(appUrls[(n + 1) % 2], conversationId));
    }),
  ),
);
const wallMs = performance.now() - t0;
let relaysSame = 0;
for (const [n, relay] of relays) {
  const r = results[n];
  const { raw, problem } = await relay;
  if (problem) r.problems.push(`relay: ${problem}`);
  else if (raw !== r.raw) r.problems.push("relay: the stream followed through the other instance differs");
  else relaysSame++;
}
for (const r of results) {
  // Read back through the other instance.
  const stored = await verifyStored(appUrls[r.n % 2 === 0 ? 1 : 0], r);
  r.storedComplete = stored === undefined;
  if (stored) r.problems.push(`stored: ${stored}`);
}

// --- report ---------------------------------------------------------------------------------------------

stopAll();
await stopServices();
const busy = logs.flatMap(busyLines);
const httpErrors = results.filter((r) => r.status !== 200).length;
const streamErrors = results.filter(
  (r) => r.status === 200 && r.problems.some((p) => !p.startsWith("stored:") && !p.startsWith("relay:")),
).length;
const storedComplete = results.filter((r) => r.storedComplete).length;
const failed = results.filter((r) => r.problems.length > 0);
const ms = (v) => `${Math.round(v)} ms`;
const ttfb = results.filter((r) => r.ttfbMs !== undefined).map((r) => r.ttfbMs);
const total = results.filter((r) => r.totalMs !== undefined).map((r) => r.totalMs);
const words = expectations.reduce(
  (n, e) => n + e.answer.split(" ").length + e.reasoning.split(" ").length,
  0,
);

const rows = [
  ["phase 1: answers streaming on 1 while 2 started", `${STARTUP_CHATS}`],
  ["phase 1: still streaming, read via instance 2", `${stillStreaming}`],
  ["phase 1: marked interrupted by instance 2", `${markedInterrupted}`],
  ["phase 1: problems", `${startupProblems.length}`],
  ["phase 2: requests (2 instances, 1 database)", `${CHATS}`],
  ...(POSTGRES
    ? [["phase 2: followed via the other instance (Redis), bytes identical", `${relaysSame}/${relays.size}`]]
    : []),
  ["phase 2: HTTP errors", `${httpErrors}`],
  ["phase 2: stream errors", `${streamErrors}`],
  ["phase 2: stored complete (read via other instance)", `${storedComplete}/${CHATS}`],
  [
    POSTGRES
      ? "server log lines with PostgreSQL or Redis errors"
      : "server log lines with SQLITE_BUSY / database is locked",
    `${busy.length}`,
  ],
  ["time to first byte p50 / p95", `${ms(percentile(ttfb, 50))} / ${ms(percentile(ttfb, 95))}`],
  ["total per chat p50 / p95", `${ms(percentile(total, 50))} / ${ms(percentile(total, 95))}`],
  ["wall time", ms(wallMs)],
  [
    "throughput",
    `${(CHATS / (wallMs / 1000)).toFixed(1)} chats/s, ${Math.round(words / (wallMs / 1000))} words/s`,
  ],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log("");
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);

const errors = startupProblems.length + failed.length + busy.length;
if (errors > 0) {
  console.log("\nProblems:");
  for (const p of startupProblems.slice(0, 10)) console.log(`  startup: ${p}`);
  for (const r of failed.slice(0, 10)) console.log(`  chat ${r.n} via ${r.appUrl}: ${r.problems.join("; ")}`);
  for (const l of busy.slice(0, 5)) console.log(`  log: ${l.slice(0, 200)}`);
  if (failed.some((r) => r.problems.some((p) => p.includes("could not be reached")))) {
    console.log(
      "\n  The fake provider closed connections: on a saturated machine its event loop can lag past its" +
        "\n  5 s keep-alive timer. These are not database errors; rerun on a quieter machine to tell.",
    );
  }
}
if (process.env.LOADTEST_KEEP === "1" || errors > 0)
  console.log(`\nServer logs (and the SQLite file) kept in ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });
console.log(errors > 0 ? `\nFAILED: ${errors} error(s)` : "\nOK: 0 errors");
process.exit(errors > 0 ? 1 : 0);
