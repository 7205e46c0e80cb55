import {
  DEFAULT_MAX_TOKENS,
  type GenerationParams,
  type ModelLimits,
  normalizeParams,
  validateParams,
} from "@/lib/params";

export interface BuiltInPreset {
  id: string;
  name: string;
  description: string;
  /** the sampling parameters it sets; the system prompt and stop sequences stay as they are */
  params: GenerationParams;
}

const DETERMINISTIC_SEED = 42;

/** Names the built-ins take; a saved preset may not use them. */
const BUILT_IN_NAMES = ["Deterministic", "Balanced", "Creative", "Long reasoning"] as const;

/** The built-in presets for one model: max tokens follow its limit. */
export function builtInPresets(limits: ModelLimits): BuiltInPreset[] {
  const maxTokens = Math.min(DEFAULT_MAX_TOKENS, limits.maxTokens);
  return [
    {
      id: "builtin-deterministic",
      name: "Deterministic",
      description: `temperature 0, seed ${Math.max(DETERMINISTIC_SEED, limits.seedMin)}`,
      params: { temperature: 0, maxTokens, seed: Math.max(DETERMINISTIC_SEED, limits.seedMin) },
    },
    {
      id: "builtin-balanced",
      name: "Balanced",
      description: "temperature 0.7, top P 0.95",
      params: { temperature: 0.7, topP: 0.95, maxTokens },
    },
    {
      id: "builtin-creative",
      name: "Creative",
      description: "temperature 1.2, top P 0.98, presence penalty 0.5",
      params: { temperature: 1.2, topP: 0.98, presencePenalty: 0.5, maxTokens },
    },
    {
      id: "builtin-long-reasoning",
      name: "Long reasoning",
      description: `max tokens ${limits.maxTokens.toLocaleString("en-US")} (this model's limit)`,
      params: { temperature: 0.7, maxTokens: limits.maxTokens },
    },
  ];
}

export function isBuiltInName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return BUILT_IN_NAMES.some((b) => b.toLowerCase() === n);
}

/**
 * The parameters after applying a preset, or why this model cannot take them. A saved preset replaces every
 * parameter and the system prompt (it saved them all); a built-in sets the sampling parameters and keeps
 * the system prompt and stop sequences.
 */
export function applyPreset(
  current: GenerationParams,
  preset: { params: GenerationParams; builtIn?: boolean },
  limits: ModelLimits,
): { ok: true; params: GenerationParams } | { ok: false; reason: string } {
  const next = preset.builtIn
    ? { ...preset.params, system: current.system, stop: current.stop }
    : { ...preset.params };
  const checked = validateParams(normalizeParams(next), limits);
  if (!checked.ok) return { ok: false, reason: checked.issues.map((i) => i.message).join("; ") };
  return { ok: true, params: normalizeParams(checked.params) };
}
