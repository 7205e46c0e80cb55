import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { extractReasoningMiddleware, type LanguageModel, wrapLanguageModel } from "ai";
import { createRedactor, type Redactor, redactResponse } from "@/lib/security/redact";
import type { ProviderId } from "./models";
import { nodeFetch } from "./node-fetch";
import { getOfflineServer } from "./offline";
import { findProvider, type Provider, providerKeys, providersGeneration } from "./provider-registry";
import { redactionMiddleware } from "./redaction-middleware";
import { coalesceResponse } from "./sse-coalesce";

const remoteFetch = nodeFetch({ redactor: () => providerRedactor() });

let redactor: { keys: number; redactor: Redactor } | undefined;

/**
 * Knows every key configured, in the environment or in /settings, and keys used earlier in this process (the
 * list only grows, so its length tells when to build it again).
 */
export function providerRedactor(): Redactor {
  const keys = providerKeys();
  if (redactor?.keys !== keys.length) redactor = { keys: keys.length, redactor: createRedactor(keys) };
  return redactor.redactor;
}

/**
 * Everything a provider sends enters here, so this is where keys it echoes are removed: answers,
 * reasoning, error bodies and headers are redacted before the AI SDK parses them, and with them
 * stored rows, shares, exports and error messages. (A key spelled a few characters per event is
 * only visible once the text is assembled: redactionMiddleware, below, takes care of that.)
 */
function providerFetch(id: ProviderId): typeof globalThis.fetch {
  // Event streams are redacted, then coalesced (sse-coalesce.ts): remote ones on the socket (node-fetch.ts),
  // the in-process offline model's once it answers.
  if (id !== "offline") return remoteFetch;
  return async (input, init) =>
    coalesceResponse(redactResponse(await getOfflineServer().fetch(input, init), providerRedactor()));
}

const PROBE_TIMEOUT_MS = 4000;

/** Why a request did not get an answer, in words, without the address (env base URLs stay on the server). */
function unreachableReason(err: unknown): string {
  if (err instanceof DOMException && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return `no answer within ${PROBE_TIMEOUT_MS / 1000} s`;
  }
  const code = (err as { cause?: { code?: unknown } })?.cause?.code;
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused (ECONNREFUSED): nothing listens at that address";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `host not found (${code})`;
    case "ECONNRESET":
      return "the connection was reset (ECONNRESET)";
    case "ETIMEDOUT":
      return "the connection timed out (ETIMEDOUT)";
    default:
      return typeof code === "string" ? `network error (${code})` : "network error";
  }
}

/** The provider's own message from an error body ({"error":{"message"}}, {"message"} or plain text), shortened. */
function errorBodyMessage(text: string): string | undefined {
  let message: unknown = text;
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown; detail?: unknown };
    message =
      typeof body.error === "object" && body.error !== null
        ? (body.error as { message?: unknown }).message
        : (body.error ?? body.message ?? body.detail);
  } catch {
    // not JSON: the text itself
  }
  if (typeof message !== "string") return undefined;
  const oneLine = message.replace(/\s+/g, " ").trim();
  return oneLine ? oneLine.slice(0, 300) : undefined;
}

/**
 * GET {base}/models. Throws with a readable message when the provider cannot be reached or refuses: its status
 * and its own error message (redacted like everything a provider sends).
 */
export async function fetchModelIds(provider: Provider, timeoutMs = PROBE_TIMEOUT_MS): Promise<string[]> {
  const base = provider.baseUrl;
  if (!base) throw new Error("No base URL configured");
  const key = provider.apiKey;
  let res: Response;
  try {
    res = await providerFetch(provider.id)(`${base.replace(/\/+$/, "")}/models`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new Error(unreachableReason(err));
  }
  if (!res.ok) {
    const message = errorBodyMessage(await res.text().catch(() => ""));
    throw new Error(`GET /models answered ${res.status}${message ? `: ${message}` : ""}`);
  }
  let body: { data?: { id?: unknown }[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new Error("GET /models did not answer JSON: is this the API's base URL (often ending in /v1)?");
  }
  if (!Array.isArray(body?.data)) {
    throw new Error(
      "GET /models answered without a model list: is this the API's base URL (often ending in /v1)?",
    );
  }
  return body.data.map((m) => m?.id).filter((m): m is string => typeof m === "string");
}

/**
 * Called with the exact JSON body sent to the provider, after earlier turns' reasoning has been removed
 * (Speciale must never get it back; the SDK would re-send reasoning parts as `reasoning_content`).
 */
export type RequestBodyListener = (body: Record<string, unknown>) => void;

// Models are shared between requests (see languageModel); the listener is the request's own, found through
// the async context the provider call was started in.
const requestBodyListeners = new AsyncLocalStorage<RequestBodyListener>();

/**
 * Runs `start`, which starts a provider call (streamText starts its request at once, inside this context),
 * so that the body the call sends reaches `listener` even though the model serves every request.
 */
export function withRequestBodyListener<T>(listener: RequestBodyListener, start: () => T): T {
  return requestBodyListeners.run(listener, start);
}

/**
 * Runs a request outside the listener's context. The connection a request goes out on keeps the async context
 * it was last used in (Node keeps it on every handle), and the HTTP agent keeps that connection open after the
 * call for the next one: in the listener's context, it would keep the listener and its turn (the whole answer,
 * the history) in memory until the provider closes the connection, one finished turn per idle connection.
 */
const send = <T>(request: () => T): T => requestBodyListeners.exit(request);

function wireFetch(id: ProviderId): typeof globalThis.fetch {
  const base = providerFetch(id);
  return async (input, init) => {
    if (typeof init?.body === "string" && init.method === "POST") {
      const body = JSON.parse(init.body) as Record<string, unknown>;
      let stripped = false;
      if (Array.isArray(body.messages)) {
        for (const m of body.messages as Record<string, unknown>[]) {
          if (!("reasoning_content" in m)) continue;
          delete m.reasoning_content;
          stripped = true;
        }
      }
      requestBodyListeners.getStore()?.(body);
      // Serialized again only when something was taken out: a long history is a large body.
      return send(() => base(input, stripped ? { ...init, body: JSON.stringify(body) } : init));
    }
    return send(() => base(input, init));
  };
}

/** Reasoning is read from reasoning_content, reasoning, or <think> tags. */
function createLanguageModel(providerId: ProviderId, modelId: string): LanguageModel {
  const config = findProvider(providerId);
  const baseURL = config?.baseUrl;
  if (!baseURL) throw new Error(`Provider ${providerId} has no base URL`);
  const provider = createOpenAICompatible({
    name: providerId,
    baseURL,
    apiKey: config.apiKey,
    includeUsage: true,
    fetch: wireFetch(providerId),
  });
  return wrapLanguageModel({
    model: provider.chatModel(modelId),
    // The first middleware is the outermost: it redacts reasoning taken out of <think> tags as well.
    middleware: [redactionMiddleware(providerRedactor()), extractReasoningMiddleware({ tagName: "think" })],
  });
}

// Model ids come from requests (any id for the custom provider): keep the most recently used few.
const MODEL_CACHE_SIZE = 32;
const models = new Map<string, LanguageModel>();
let modelsGeneration = 0;

/**
 * The language model of one provider+model, built once per configuration: a key or base URL changed in
 * /settings drops every model built before, so the next request uses the new one. The middlewares keep no
 * per-request state (each stream gets its own).
 */
export function languageModel(providerId: ProviderId, modelId: string): LanguageModel {
  const generation = providersGeneration();
  if (generation !== modelsGeneration) {
    models.clear();
    modelsGeneration = generation;
  }
  const key = `${providerId}\n${modelId}`;
  let model = models.get(key);
  if (model) {
    models.delete(key);
  } else {
    model = createLanguageModel(providerId, modelId);
    if (models.size >= MODEL_CACHE_SIZE) models.delete(models.keys().next().value as string);
  }
  models.set(key, model);
  return model;
}
