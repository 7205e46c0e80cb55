import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { extractReasoningMiddleware, type LanguageModel, wrapLanguageModel } from "ai";
import { env } from "@/lib/env";
import { DEFAULT_LIMITS, type ModelLimits, type SamplingParamKey } from "@/lib/params";
import { createRedactor, type Redactor, redactResponse } from "@/lib/security/redact";
import type { ProviderId } from "./models";
import { nodeFetch } from "./node-fetch";
import { getOfflineServer, OFFLINE_MODEL_ID } from "./offline";
import { redactionMiddleware } from "./redaction-middleware";
import { coalesceResponse } from "./sse-coalesce";

/** The provider presets: the one place that knows base URLs, key variables and model quirks. */
interface Preset {
  id: ProviderId;
  name: string;
  defaultBaseUrl?: string;
  baseUrl: () => string | undefined;
  apiKey: () => string | undefined;
  /** whether the preset is usable with the current environment */
  enabled: () => boolean;
  defaultModel: () => string | undefined;
  limits: (modelId: string) => ModelLimits;
}

const SPECIALE_MAX_OUTPUT = 131_072;
const THINKING_IGNORED: SamplingParamKey[] = ["temperature", "topP", "frequencyPenalty", "presencePenalty"];

function isDeepSeekThinking(modelId: string): boolean {
  return /reasoner|speciale|v4/i.test(modelId);
}

export const PRESETS: readonly Preset[] = [
  {
    id: "aimlapi",
    name: "AI/ML API",
    defaultBaseUrl: "https://api.aimlapi.com/v1",
    baseUrl: () => env().AIMLAPI_BASE_URL ?? "https://api.aimlapi.com/v1",
    apiKey: () => env().AIMLAPI_API_KEY,
    enabled: () => Boolean(env().AIMLAPI_API_KEY),
    defaultModel: () => "deepseek/deepseek-v3.2-speciale",
    // AI/ML API's request schema enforces these bounds (400 otherwise).
    limits: (m) => ({
      ...DEFAULT_LIMITS,
      topPMin: 0.01,
      seedMin: 1,
      maxStop: 4,
      maxTokens: /speciale/i.test(m) ? SPECIALE_MAX_OUTPUT : DEFAULT_LIMITS.maxTokens,
      ignoredNote: /speciale/i.test(m)
        ? "Unverified whether this host applies sampling parameters to Speciale; DeepSeek's own API ignores them in thinking mode."
        : undefined,
    }),
  },
  {
    id: "atlascloud",
    name: "Atlas Cloud",
    baseUrl: () => env().ATLASCLOUD_BASE_URL ?? "https://api.atlascloud.ai/v1",
    apiKey: () => env().ATLASCLOUD_API_KEY,
    enabled: () => Boolean(env().ATLASCLOUD_API_KEY),
    defaultModel: () => "deepseek-ai/deepseek-v3.2-speciale",
    limits: (m) => ({
      ...DEFAULT_LIMITS,
      maxStop: 4,
      maxTokens: /speciale/i.test(m) ? SPECIALE_MAX_OUTPUT : DEFAULT_LIMITS.maxTokens,
      ignoredNote: /speciale/i.test(m)
        ? "Unverified whether this host applies sampling parameters to Speciale; DeepSeek's own API ignores them in thinking mode."
        : undefined,
    }),
  },
  {
    id: "deepseek",
    name: "DeepSeek",
    baseUrl: () => env().DEEPSEEK_BASE_URL ?? "https://api.deepseek.com",
    apiKey: () => env().DEEPSEEK_API_KEY,
    enabled: () => Boolean(env().DEEPSEEK_API_KEY),
    defaultModel: () => "deepseek-reasoner",
    limits: (m) =>
      isDeepSeekThinking(m)
        ? {
            ...DEFAULT_LIMITS,
            maxTokens: 65_536,
            ignored: THINKING_IGNORED,
            ignoredNote:
              "DeepSeek thinking mode accepts but ignores temperature, top_p, frequency_penalty and presence_penalty.",
          }
        : { ...DEFAULT_LIMITS, maxTokens: 8192 },
  },
  {
    id: "custom",
    name: "OpenAI-compatible",
    baseUrl: () => env().OPENAI_COMPATIBLE_BASE_URL,
    apiKey: () => env().OPENAI_COMPATIBLE_API_KEY,
    enabled: () => Boolean(env().OPENAI_COMPATIBLE_BASE_URL),
    defaultModel: () => env().OPENAI_COMPATIBLE_MODEL,
    limits: () => DEFAULT_LIMITS,
  },
  {
    id: "offline",
    name: "Offline demo",
    baseUrl: () => "http://offline.local/v1",
    apiKey: () => undefined,
    enabled: () => true,
    defaultModel: () => OFFLINE_MODEL_ID,
    limits: () => ({ ...DEFAULT_LIMITS, maxTokens: 8192 }),
  },
];

export function getPreset(id: ProviderId): Preset {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`Unknown provider ${id}`);
  return preset;
}

const remoteFetch = nodeFetch({ redactor: () => providerRedactor() });

let redactor: Redactor | undefined;

/** Built from every configured key once (the environment is read once too). */
export function providerRedactor(): Redactor {
  redactor ??= createRedactor(PRESETS.map((p) => p.apiKey()));
  return redactor;
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

/** GET {base}/models, for the catalog. Throws with a readable message when the provider cannot be reached. */
export async function fetchModelIds(id: ProviderId, timeoutMs = 4000): Promise<string[]> {
  const preset = getPreset(id);
  const base = preset.baseUrl();
  if (!base) throw new Error("No base URL configured");
  const key = preset.apiKey();
  const res = await providerFetch(id)(`${base.replace(/\/+$/, "")}/models`, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`GET /models answered ${res.status}`);
  const body = (await res.json()) as { data?: { id?: unknown }[] };
  return (body.data ?? []).map((m) => m.id).filter((m): m is string => typeof m === "string");
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

function wireFetch(id: ProviderId): typeof globalThis.fetch {
  const base = providerFetch(id);
  return async (input, init) => {
    if (typeof init?.body === "string" && init.method === "POST") {
      const body = JSON.parse(init.body) as Record<string, unknown>;
      if (Array.isArray(body.messages)) {
        for (const m of body.messages as Record<string, unknown>[]) delete m.reasoning_content;
      }
      requestBodyListeners.getStore()?.(body);
      return base(input, { ...init, body: JSON.stringify(body) });
    }
    return base(input, init);
  };
}

/** Reasoning is read from reasoning_content, reasoning, or <think> tags. */
function createLanguageModel(providerId: ProviderId, modelId: string): LanguageModel {
  const preset = getPreset(providerId);
  const baseURL = preset.baseUrl();
  if (!baseURL) throw new Error(`Provider ${providerId} has no base URL`);
  const provider = createOpenAICompatible({
    name: providerId,
    baseURL,
    apiKey: preset.apiKey(),
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

/**
 * The language model of one provider+model, built once: base URL and key come from the environment, which
 * is read once, and the middlewares keep no per-request state (each stream gets its own).
 */
export function languageModel(providerId: ProviderId, modelId: string): LanguageModel {
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
