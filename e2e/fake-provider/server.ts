/**
 * A fake OpenAI-compatible provider for the end-to-end tests: one small HTTP server that plays several
 * hosts, selected by path prefix, and speaks their wire format (SSE chunks shaped like the recordings
 * in fixtures/recorded-streams, `: keep-alive` comments, a usage chunk with `choices: []` before
 * `data: [DONE]`, `{"error":{…}}` bodies with the right status).
 *
 *   /aimlapi/v1/…     (AI/ML API)      /atlascloud/v1/…  (Atlas Cloud)
 *   /deepseek/…       (DeepSeek: no /v1 in the base URL)   /custom/v1/…  (any OpenAI-compatible server)
 *
 * each with GET …/models and POST …/chat/completions. Every request is recorded.
 *
 * Tests script it through a control API and pick their scenario with a marker in the user's message:
 *   POST /__control/scripts   {"id":"t1","scenario":{…}} or {"id":"t1","steps":[{…},{…}]}
 *   GET  /__control/requests?script=t1     → {"requests":[RecordedRequest…]}
 *   POST /__control/gates/g1               → streams waiting on answerGate "g1" go on
 *   DELETE /__control/scripts/t1, POST /__control/reset, GET /__control/health
 * A chat request whose last user message contains `[[fake:t1]]` plays script t1 (step n for its n-th
 * request, the last step repeating); without a marker it plays the default scenario.
 *
 * Run: node e2e/fake-provider/server.ts  (Node >= 23.6 strips the types; env FAKE_PROVIDER_PORT, default 4010)
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type {
  ChatRequestBody,
  ProviderErrorObject,
  ReasoningField,
  RecordedRequest,
  Scenario,
  ScriptRegistration,
  WireMessage,
  WireUsage,
} from "./types.ts";

const PORT = Number(process.env.FAKE_PROVIDER_PORT ?? 4010);
const HOSTNAME = process.env.FAKE_PROVIDER_HOST ?? "127.0.0.1";
const LOG = process.env.FAKE_PROVIDER_LOG === "1";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const FIXTURE_DIRS = [
  path.join(REPO_ROOT, "e2e", "fixtures", "recorded-streams"),
  path.resolve(REPO_ROOT, "..", "shared", "fixtures", "recorded-streams"),
];

const MARKER_RE = /\[\[fake:([A-Za-z0-9_.:-]{1,120})\]\]/;

interface HostSpec {
  /** path prefixes that reach this host (the first one is the documented base) */
  prefixes: string[];
  models: string[];
  ownedBy: string;
  /** the host answers 401 without an Authorization header */
  requiresKey: boolean;
  defaultReasoningField: ReasoningField;
  maxStop: number;
  topPMin: number;
  seedMin: number;
}

const HOSTS: Record<string, HostSpec> = {
  aimlapi: {
    prefixes: ["/aimlapi/v1"],
    models: ["deepseek/deepseek-v3.2-speciale", "deepseek/deepseek-chat", "openai/gpt-4o-mini"],
    ownedBy: "aimlapi",
    requiresKey: true,
    defaultReasoningField: "reasoning",
    maxStop: 4,
    topPMin: 0.01,
    seedMin: 1,
  },
  atlascloud: {
    prefixes: ["/atlascloud/v1"],
    models: ["deepseek-ai/deepseek-v3.2-speciale", "deepseek-ai/DeepSeek-V3.2"],
    ownedBy: "atlascloud",
    requiresKey: true,
    defaultReasoningField: "reasoning_content",
    maxStop: 4,
    topPMin: 0,
    seedMin: 0,
  },
  deepseek: {
    // DeepSeek's documented base has no /v1, but the real host accepts both.
    prefixes: ["/deepseek/v1", "/deepseek"],
    models: ["deepseek-chat", "deepseek-reasoner"],
    ownedBy: "deepseek",
    requiresKey: true,
    defaultReasoningField: "reasoning_content",
    maxStop: 16,
    topPMin: 0,
    seedMin: 0,
  },
  custom: {
    prefixes: ["/custom/v1"],
    models: ["fake-reasoner", "fake-chat"],
    ownedBy: "fake",
    requiresKey: false,
    defaultReasoningField: "reasoning_content",
    maxStop: 4,
    topPMin: 0,
    seedMin: 0,
  },
};

// ---------------------------------------------------------------------------------------------------
// State: scripts and recorded requests

interface Script {
  steps: Scenario[];
  calls: number;
}

const scripts = new Map<string, Script>();
const recorded: RecordedRequest[] = [];
let seq = 0;

// ---------------------------------------------------------------------------------------------------
// Helpers

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Named gates a stream can wait on (Scenario.answerGate); opened once by the control API, never closed. */
const gates = new Map<string, { open: boolean; waiters: Array<() => void> }>();

function gate(name: string) {
  let g = gates.get(name);
  if (!g) {
    g = { open: false, waiters: [] };
    gates.set(name, g);
  }
  return g;
}

function waitForGate(name: string): Promise<void> {
  const g = gate(name);
  return g.open ? Promise.resolve() : new Promise((resolve) => g.waiters.push(resolve));
}

function openGate(name: string): void {
  const g = gate(name);
  g.open = true;
  for (const wake of g.waiters.splice(0)) wake();
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function errorBody(
  message: string,
  type: string,
  code: string | number | null = null,
  param: string | null = null,
): { error: ProviderErrorObject } {
  return { error: { message, type, param, code } };
}

/** A realistic default error body for an HTTP status. */
function defaultErrorFor(status: number): { error: ProviderErrorObject } {
  switch (status) {
    case 400:
      return errorBody("Invalid request", "invalid_request_error", "invalid_request_error");
    case 401:
      return errorBody(
        "Authentication Fails, Your api key: ****abcd is invalid",
        "authentication_error",
        "invalid_request_error",
      );
    case 402:
      return errorBody("Insufficient Balance", "unknown_error", "invalid_request_error");
    case 404:
      return errorBody("Model Not Exist", "invalid_request_error", "model_not_found");
    case 422:
      return errorBody("Invalid parameters", "invalid_request_error", "invalid_parameters");
    case 429:
      return errorBody(
        "Rate limit reached for requests. Please retry after a short wait.",
        "rate_limit_error",
        "rate_limit_exceeded",
      );
    case 503:
      return errorBody("Server is busy, please try again later.", "server_error", "server_overloaded");
    default:
      return errorBody("Internal server error", "server_error", "internal_error");
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

function messageText(m: WireMessage | undefined): string {
  if (!m) return "";
  if (typeof m.content === "string") return m.content;
  if (Array.isArray(m.content))
    return m.content.map((p) => (typeof p.text === "string" ? p.text : "")).join("");
  return "";
}

function lastUserText(body: ChatRequestBody | null): string {
  const msgs = Array.isArray(body?.messages) ? body.messages : [];
  for (let i = msgs.length - 1; i >= 0; i--) if (msgs[i]?.role === "user") return messageText(msgs[i]);
  return "";
}

/** Split text into word-sized pieces whose concatenation is exactly the text. */
function pieces(text: string): string[] {
  if (text === "") return [];
  return text.match(/\s*\S+\s*/g) ?? [text];
}

function group(parts: string[], size: number): string[] {
  const n = Math.max(1, Math.floor(size));
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += n) out.push(parts.slice(i, i + n).join(""));
  return out;
}

/** Fill the key placeholders of a scenario text with the caller's own Bearer key. */
function fillKey(text: string, bearer: string): string {
  return text
    .replaceAll("{keyUrl}", encodeURIComponent(bearer))
    .replaceAll("{keyTail}", bearer.slice(-4))
    .replaceAll("{key}", bearer);
}

function bearerOf(req: http.IncomingMessage): string {
  return /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
}

function charPieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function countWords(text: string): number {
  return pieces(text).length;
}

function resolveFixture(name: string): string | undefined {
  if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.includes("..")) return undefined;
  for (const dir of FIXTURE_DIRS) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Request validation, like the real hosts do it

function validateChatBody(host: HostSpec, hostId: string, body: ChatRequestBody | null): string | undefined {
  if (!body || typeof body !== "object") return "Failed to deserialize the JSON body into the target type";
  if (typeof body.model !== "string" || body.model === "") return "model is required";
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    return "messages must be a non-empty array";
  for (const m of body.messages) {
    if (!["system", "user", "assistant", "tool", "developer"].includes(m.role)) {
      return `Invalid role: ${String(m.role)}`;
    }
  }
  const num = (k: string) => (typeof body[k] === "number" ? (body[k] as number) : undefined);
  const t = num("temperature");
  if (t !== undefined && (t < 0 || t > 2)) return "temperature must be between 0 and 2";
  const p = num("top_p");
  if (p !== undefined && (p < host.topPMin || p > 1)) return `top_p must be between ${host.topPMin} and 1`;
  for (const k of ["frequency_penalty", "presence_penalty"]) {
    const v = num(k);
    if (v !== undefined && (v < -2 || v > 2)) return `${k} must be between -2 and 2`;
  }
  const mt = body.max_tokens;
  if (mt !== undefined && (typeof mt !== "number" || !Number.isInteger(mt) || mt < 1)) {
    return "max_tokens must be a positive integer";
  }
  const seed = body.seed;
  if (seed !== undefined && (typeof seed !== "number" || !Number.isInteger(seed) || seed < host.seedMin)) {
    return `seed must be an integer >= ${host.seedMin}`;
  }
  const stop = body.stop;
  if (stop !== undefined && typeof stop !== "string") {
    if (!Array.isArray(stop) || stop.some((s) => typeof s !== "string"))
      return "stop must be a string or an array";
    if (stop.length > host.maxStop) return `stop can have at most ${host.maxStop} sequences`;
  }
  if (hostId === "deepseek" && body.model === "deepseek-reasoner") {
    if (body.logprobs !== undefined || body.top_logprobs !== undefined) {
      return "deepseek-reasoner does not support the parameter `logprobs`";
    }
  }
  return undefined; // an unknown model is reported by the caller (404, or 400 on DeepSeek)
}

// ---------------------------------------------------------------------------------------------------
// Streaming

interface StreamCtx {
  res: http.ServerResponse;
  rec: RecordedRequest;
  closed: () => boolean;
}

function write(ctx: StreamCtx, text: string): boolean {
  if (ctx.closed()) return false;
  ctx.res.write(text);
  return true;
}

function dataLine(ctx: StreamCtx, obj: unknown): boolean {
  return write(ctx, `data: ${typeof obj === "string" ? obj : JSON.stringify(obj)}\n\n`);
}

function defaultScenario(hostId: string, body: ChatRequestBody | null): Scenario {
  const text = lastUserText(body).replace(MARKER_RE, "").replace(/\s+/g, " ").trim();
  const words = text.split(" ").filter(Boolean);
  const about = words.slice(0, 8).join(" ") || "nothing";
  const isPlainChat = hostId === "custom" && body?.model === "fake-chat";
  return {
    reasoning: isPlainChat
      ? ""
      : `The user wrote about ${words.slice(0, 5).join(" ") || "nothing"}. A short answer will do.`,
    answer: `Fake answer: you said "${about}".`,
  };
}

function computedUsage(
  body: ChatRequestBody | null,
  reasoningTokens: number,
  answerTokens: number,
): WireUsage {
  const prompt = (Array.isArray(body?.messages) ? body.messages : []).reduce(
    (n, m) => n + countWords(messageText(m)) + 3,
    0,
  );
  const completion = reasoningTokens + answerTokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
    prompt_cache_hit_tokens: 0,
    prompt_cache_miss_tokens: prompt,
  };
}

async function streamScenario(ctx: StreamCtx, hostId: string, sc: Scenario, body: ChatRequestBody | null) {
  const host = HOSTS[hostId] as HostSpec;
  const field: ReasoningField =
    sc.reasoningField ??
    (hostId === "custom" && body?.model === "fake-chat" ? "none" : host.defaultReasoningField);
  const id = hostId === "deepseek" ? randomUUID() : `chatcmpl-${randomUUID().replace(/-/g, "")}`;
  const created = Math.floor(Date.now() / 1000);
  const model = typeof body?.model === "string" ? body.model : "fake";
  const chunkSize = sc.chunkSize ?? 1;
  const delay = sc.chunkDelayMs ?? 0;
  const reasoningText = field === "none" ? "" : (sc.reasoning ?? "");
  const answerText = sc.answer ?? "";

  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    id,
    object: "chat.completion.chunk",
    created,
    model,
    system_fingerprint: "fp_fake_e2e",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    usage: null,
  });

  const reasoningDelta = (text: string): Record<string, unknown> => {
    if (field === "reasoning") return { content: "", reasoning: text };
    return { content: null, reasoning_content: text };
  };
  const answerDelta = (text: string): Record<string, unknown> => {
    if (field === "reasoning") return { content: text, reasoning: null };
    if (field === "reasoning_content") return { content: text, reasoning_content: null };
    return { content: text };
  };

  // The whole stream as a list of deltas; think-tags put everything in `content`.
  type Step = { delta: Record<string, unknown>; phase: "reasoning" | "answer" };
  const steps: Step[] = [];
  const split = (text: string) =>
    sc.chunkChars ? charPieces(text, sc.chunkChars) : group(pieces(text), chunkSize);
  const reasoningPieces = split(reasoningText);
  const answerPieces = split(answerText);
  if (field === "think-tags") {
    if (reasoningText !== "") {
      steps.push({ delta: { content: "<think>" }, phase: "reasoning" });
      steps.push({ delta: { content: "\n" }, phase: "reasoning" });
      for (const p of reasoningPieces) steps.push({ delta: { content: p }, phase: "reasoning" });
      steps.push({ delta: { content: "\n" }, phase: "reasoning" });
      steps.push({ delta: { content: "</think>" }, phase: "reasoning" });
      steps.push({ delta: { content: "\n\n" }, phase: "reasoning" });
    }
    for (const p of answerPieces) steps.push({ delta: { content: p }, phase: "answer" });
  } else {
    for (const p of reasoningPieces) steps.push({ delta: reasoningDelta(p), phase: "reasoning" });
    for (const p of answerPieces) steps.push({ delta: answerDelta(p), phase: "answer" });
  }

  // Role chunk first, like every recording.
  const first: Record<string, unknown> =
    field === "reasoning_content"
      ? { role: "assistant", content: null, reasoning_content: "" }
      : { role: "assistant", content: "" };
  if (!dataLine(ctx, chunk(first))) return;

  let sent = 0;
  let prevPhase: Step["phase"] | undefined;
  for (const step of steps) {
    if (sc.midStreamError && sent >= sc.midStreamError.afterChunks) break;
    if (prevPhase === "reasoning" && step.phase === "answer") {
      if (sc.answerDelayMs) await sleep(sc.answerDelayMs);
      if (sc.answerGate) await waitForGate(sc.answerGate);
    }
    if (delay > 0) await sleep(delay);
    if (!dataLine(ctx, chunk(step.delta))) return;
    sent++;
    prevPhase = step.phase;
  }

  if (sc.midStreamError) {
    const e = sc.midStreamError.error ?? {};
    dataLine(ctx, {
      error: {
        message: e.message ?? "The server had an error while processing your request. Sorry about that!",
        type: e.type ?? "server_error",
        param: e.param ?? null,
        code: e.code ?? "internal_error",
      },
    });
    return; // the connection ends right after the error, without [DONE]
  }

  const finish = sc.finishReason === undefined ? "stop" : sc.finishReason;
  if (finish !== null) {
    if (delay > 0) await sleep(delay);
    const last = field === "reasoning_content" ? { content: "", reasoning_content: null } : { content: "" };
    if (!dataLine(ctx, chunk(last, finish))) return;
    const wantsUsage = body?.stream_options?.include_usage === true;
    const usage = sc.usage ?? "computed";
    if (wantsUsage && usage !== false) {
      const reasoningTokens = field === "none" ? 0 : countWords(reasoningText);
      const u = usage === "computed" ? computedUsage(body, reasoningTokens, countWords(answerText)) : usage;
      if (!dataLine(ctx, { id, object: "chat.completion.chunk", created, model, choices: [], usage: u }))
        return;
    }
  }
  const done = sc.done ?? finish !== null;
  if (done) write(ctx, "data: [DONE]\n\n");
}

async function replayFixture(ctx: StreamCtx, file: string, sc: Scenario) {
  const lines = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const delay = sc.chunkDelayMs ?? 0;
  for (const line of lines) {
    if (delay > 0) await sleep(delay);
    if (!dataLine(ctx, line)) return;
  }
  if (sc.done ?? true) write(ctx, "data: [DONE]\n\n");
}

// ---------------------------------------------------------------------------------------------------
// Host handlers

function authError(hostId: string, req: http.IncomingMessage): { error: ProviderErrorObject } | undefined {
  const host = HOSTS[hostId] as HostSpec;
  if (!host.requiresKey) return undefined;
  const auth = req.headers.authorization ?? "";
  const m = /^Bearer\s+(\S+)$/.exec(auth);
  if (m) return undefined;
  return errorBody(
    "Authentication Fails, no api key provided or it is malformed",
    "authentication_error",
    "invalid_request_error",
  );
}

function pickScenario(hostId: string, body: ChatRequestBody | null, rec: RecordedRequest): Scenario {
  const marker = MARKER_RE.exec(lastUserText(body));
  if (marker) {
    rec.script = marker[1] as string;
    const script = scripts.get(rec.script);
    if (script) {
      const step = script.steps[Math.min(script.calls, script.steps.length - 1)] as Scenario;
      script.calls++;
      return { ...defaultScenario(hostId, body), ...step };
    }
  }
  return defaultScenario(hostId, body);
}

async function handleChat(
  hostId: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  rec: RecordedRequest,
) {
  const host = HOSTS[hostId] as HostSpec;
  const body = rec.body;
  const picked = pickScenario(hostId, body, rec);
  const bearer = bearerOf(req);
  const sc: Scenario = {
    ...picked,
    reasoning: picked.reasoning === undefined ? undefined : fillKey(picked.reasoning, bearer),
    answer: picked.answer === undefined ? undefined : fillKey(picked.answer, bearer),
    midStreamError: picked.midStreamError && {
      ...picked.midStreamError,
      error: picked.midStreamError.error && {
        ...picked.midStreamError.error,
        message:
          picked.midStreamError.error.message === undefined
            ? undefined
            : fillKey(picked.midStreamError.error.message, bearer),
      },
    },
  };

  if (sc.dropConnection) {
    if (sc.initialDelayMs) await sleep(sc.initialDelayMs);
    rec.status = 0;
    req.socket.destroy();
    return;
  }
  if (sc.httpError) {
    const e = sc.httpError;
    if (e.delayMs) await sleep(e.delayMs);
    rec.status = e.status;
    const payload = e.body === undefined ? defaultErrorFor(e.status) : e.body;
    const headers = { ...(e.headers ?? {}) };
    // "{keyTail}" becomes the last 4 characters of the caller's key, as DeepSeek's 401 message shows it.
    const fill = (text: string) => fillKey(text, bearerOf(req));
    if (typeof payload === "string") {
      res.writeHead(e.status, { "content-type": "text/plain; charset=utf-8", ...headers });
      res.end(fill(payload));
    } else {
      const text = fill(JSON.stringify(payload));
      res.writeHead(e.status, {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(text)),
        ...headers,
      });
      res.end(text);
    }
    return;
  }

  const authErr = authError(hostId, req);
  if (authErr) {
    rec.status = 401;
    sendJson(res, 401, authErr);
    return;
  }
  const invalid = validateChatBody(host, hostId, body);
  if (invalid) {
    rec.status = hostId === "aimlapi" ? 422 : 400;
    sendJson(res, rec.status, errorBody(invalid, "invalid_request_error", "invalid_request_error"));
    return;
  }
  if (body && typeof body.model === "string" && !host.models.includes(body.model)) {
    rec.status = hostId === "deepseek" ? 400 : 404;
    const msg =
      hostId === "deepseek"
        ? "Model Not Exist"
        : `The model \`${body.model}\` does not exist or you do not have access to it.`;
    sendJson(res, rec.status, errorBody(msg, "invalid_request_error", "model_not_found"));
    return;
  }

  let replayFile: string | undefined;
  if (sc.replay !== undefined) {
    replayFile = resolveFixture(sc.replay);
    if (!replayFile) {
      rec.status = 500;
      sendJson(res, 500, errorBody(`fake-provider: no recorded stream named ${sc.replay}`, "server_error"));
      return;
    }
  }

  if (body?.stream !== true) {
    // Non-streaming completion.
    if (sc.initialDelayMs) await sleep(sc.initialDelayMs);
    const field = sc.reasoningField ?? host.defaultReasoningField;
    const reasoning = field === "none" ? "" : (sc.reasoning ?? "");
    const answer = sc.answer ?? "";
    const message: Record<string, unknown> = { role: "assistant", content: answer };
    if (field === "think-tags")
      message.content = reasoning ? `<think>\n${reasoning}\n</think>\n\n${answer}` : answer;
    else if (field !== "none") message[field] = reasoning;
    rec.status = 200;
    sendJson(res, 200, {
      id: `chatcmpl-${randomUUID().replace(/-/g, "")}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body?.model ?? "fake",
      choices: [{ index: 0, message, logprobs: null, finish_reason: sc.finishReason ?? "stop" }],
      usage: computedUsage(body, countWords(reasoning), countWords(answer)),
    });
    return;
  }

  rec.status = 200;
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
    "x-request-id": randomUUID(),
  });
  res.flushHeaders();
  let closed = false;
  res.on("close", () => {
    closed = true;
  });
  const ctx: StreamCtx = { res, rec, closed: () => closed };

  if (sc.initialDelayMs) await sleep(sc.initialDelayMs);
  for (let i = 0; i < (sc.keepAlives ?? 0); i++) {
    if (!write(ctx, ": keep-alive\n\n")) return;
    await sleep(sc.keepAliveIntervalMs ?? 100);
  }
  if (replayFile) await replayFixture(ctx, replayFile, sc);
  else await streamScenario(ctx, hostId, sc, body);
  if (!closed) res.end();
}

function handleModels(
  hostId: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  rec: RecordedRequest,
) {
  const host = HOSTS[hostId] as HostSpec;
  const authErr = authError(hostId, req);
  if (authErr) {
    rec.status = 401;
    sendJson(res, 401, authErr);
    return;
  }
  rec.status = 200;
  sendJson(res, 200, {
    object: "list",
    data: host.models.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: host.ownedBy })),
  });
}

// ---------------------------------------------------------------------------------------------------
// Control API

async function handleControl(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
  const p = url.pathname;
  if (req.method === "GET" && p === "/__control/health") return sendJson(res, 200, { ok: true });
  if (req.method === "POST" && p === "/__control/reset") {
    scripts.clear();
    recorded.length = 0;
    for (const name of gates.keys()) openGate(name);
    gates.clear();
    return sendJson(res, 200, { ok: true });
  }
  if (req.method === "POST" && p === "/__control/scripts") {
    let reg: ScriptRegistration;
    try {
      reg = JSON.parse(await readBody(req)) as ScriptRegistration;
    } catch {
      return sendJson(res, 400, { error: "body must be JSON" });
    }
    if (typeof reg?.id !== "string" || !/^[A-Za-z0-9_.:-]{1,120}$/.test(reg.id)) {
      return sendJson(res, 400, { error: "id must match [A-Za-z0-9_.:-]{1,120}" });
    }
    const steps = reg.steps ?? (reg.scenario ? [reg.scenario] : []);
    if (!Array.isArray(steps) || steps.length === 0) {
      return sendJson(res, 400, { error: "give a scenario or a non-empty steps array" });
    }
    for (const s of steps) {
      if (s.replay !== undefined && !resolveFixture(s.replay)) {
        return sendJson(res, 400, { error: `no recorded stream named ${s.replay}` });
      }
    }
    scripts.set(reg.id, { steps, calls: 0 });
    return sendJson(res, 201, { id: reg.id, steps: steps.length });
  }
  const gateRoute = /^\/__control\/gates\/([A-Za-z0-9_.:-]{1,120})$/.exec(p);
  if (req.method === "POST" && gateRoute) {
    openGate(gateRoute[1] as string);
    return sendJson(res, 200, { ok: true });
  }
  const del = /^\/__control\/scripts\/([^/]+)$/.exec(p);
  if (req.method === "DELETE" && del) {
    const existed = scripts.delete(decodeURIComponent(del[1] as string));
    return sendJson(res, existed ? 200 : 404, { ok: existed });
  }
  if (req.method === "GET" && p === "/__control/requests") {
    const script = url.searchParams.get("script");
    const prefix = url.searchParams.get("prefix");
    const list = recorded.filter(
      (r) => (script === null || r.script === script) && (prefix === null || r.prefix === prefix),
    );
    return sendJson(res, 200, { requests: list });
  }
  return sendJson(res, 404, { error: `unknown control route ${req.method} ${p}` });
}

// ---------------------------------------------------------------------------------------------------
// Router

function matchHost(pathname: string): { hostId: string; rest: string } | undefined {
  for (const [hostId, host] of Object.entries(HOSTS)) {
    for (const prefix of host.prefixes) {
      if (pathname === prefix || pathname.startsWith(`${prefix}/`)) {
        return { hostId, rest: pathname.slice(prefix.length) || "/" };
      }
    }
  }
  return undefined;
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  try {
    if (url.pathname.startsWith("/__control/")) {
      await handleControl(req, res, url);
      return;
    }
    const m = matchHost(url.pathname);
    if (!m) {
      sendJson(res, 404, errorBody(`Unknown path ${url.pathname}`, "invalid_request_error", "not_found"));
      return;
    }
    const raw = req.method === "POST" ? await readBody(req) : "";
    let body: ChatRequestBody | null = null;
    let badJson = false;
    if (raw !== "") {
      try {
        body = JSON.parse(raw) as ChatRequestBody;
      } catch {
        badJson = true;
      }
    }
    const rec: RecordedRequest = {
      seq: ++seq,
      script: null,
      prefix: m.hostId,
      method: req.method ?? "GET",
      path: url.pathname.slice(url.pathname.indexOf("/", 1)),
      headers: flatHeaders(req.headers),
      body,
      startedAt: Date.now(),
      endedAt: null,
      status: 0,
      aborted: false,
    };
    recorded.push(rec);
    res.on("close", () => {
      rec.endedAt = Date.now();
      rec.aborted = !res.writableFinished;
      if (LOG) console.log(`${rec.method} ${url.pathname} → ${rec.status}${rec.aborted ? " (aborted)" : ""}`);
    });

    if (badJson) {
      rec.status = 400;
      sendJson(res, 400, errorBody("Failed to parse the request body as JSON", "invalid_request_error"));
      return;
    }
    if (req.method === "GET" && m.rest === "/models") {
      handleModels(m.hostId, req, res, rec);
      return;
    }
    if (req.method === "POST" && m.rest === "/chat/completions") {
      await handleChat(m.hostId, req, res, rec);
      return;
    }
    rec.status = 404;
    sendJson(res, 404, errorBody(`Unknown path ${url.pathname}`, "invalid_request_error", "not_found"));
  } catch (err) {
    console.error("fake-provider: handler failed", err);
    if (!res.headersSent) sendJson(res, 500, errorBody("fake-provider crashed", "server_error"));
    else res.end();
  }
});

// Hosted APIs sit behind load balancers that keep idle connections ~60 s or more; Node's 5 s default races
// with the app's connection reuse when the loop is starved (load test: "other side closed").
server.keepAliveTimeout = 65_000;
server.listen(PORT, HOSTNAME, () => {
  console.log(`fake-provider listening on http://${HOSTNAME}:${PORT}`);
});

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
