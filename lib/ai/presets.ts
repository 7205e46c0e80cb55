import "server-only";
import { env } from "@/lib/env";
import { DEFAULT_LIMITS, type ModelLimits, type SamplingParamKey } from "@/lib/params";
import type { PresetId } from "./models";
import { OFFLINE_MODEL_ID } from "./offline";

/**
 * The provider presets: the one place that knows their base URLs, key variables and model quirks. What they
 * read is the environment; a key set in /settings joins them in provider-registry.ts.
 */
export interface Preset {
  id: PresetId;
  name: string;
  /** the variable holding the key; a preset that has one can also take its key from /settings */
  keyEnv?: string;
  baseUrl: () => string | undefined;
  apiKey: () => string | undefined;
  /** whether the environment alone makes the preset usable */
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
    keyEnv: "AIMLAPI_API_KEY",
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
    keyEnv: "ATLASCLOUD_API_KEY",
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
    keyEnv: "DEEPSEEK_API_KEY",
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
