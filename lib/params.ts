import * as z from "zod/mini";

/**
 * THE generation-parameter schema: used by the parameter panel, the chat route and the stored rows.
 * Every sampling field is optional: absent means "unset" — it is not sent and the provider default applies.
 * Written with zod/mini: the panel validates in the browser, and mini's functions are tree-shaken to the few
 * this schema uses (classic zod ships its whole API, ~36 kB gzip). Server schemas embed it as they would a
 * classic one.
 */
export const PARAM_RANGES = {
  temperature: { min: 0, max: 2, step: 0.01 },
  topP: { min: 0, max: 1, step: 0.01 },
  frequencyPenalty: { min: -2, max: 2, step: 0.01 },
  presencePenalty: { min: -2, max: 2, step: 0.01 },
  maxTokens: { min: 1, max: 1_000_000, step: 1 },
} as const;

export const MAX_STOP_SEQUENCES = 4;
export const MAX_SYSTEM_PROMPT_CHARS = 100_000;

const range = (key: keyof typeof PARAM_RANGES, label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .check(
      z.minimum(PARAM_RANGES[key].min, `${label} must be at least ${PARAM_RANGES[key].min}`),
      z.maximum(PARAM_RANGES[key].max, `${label} must be at most ${PARAM_RANGES[key].max}`),
    );

export const generationParamsSchema = z.strictObject({
  system: z.optional(z.string().check(z.maxLength(MAX_SYSTEM_PROMPT_CHARS, "System prompt is too long"))),
  temperature: z.optional(range("temperature", "Temperature")),
  topP: z.optional(range("topP", "Top P")),
  maxTokens: z.optional(range("maxTokens", "Max tokens").check(z.int("Max tokens must be a whole number"))),
  frequencyPenalty: z.optional(range("frequencyPenalty", "Frequency penalty")),
  presencePenalty: z.optional(range("presencePenalty", "Presence penalty")),
  stop: z.optional(
    z
      .array(
        z
          .string()
          .check(
            z.minLength(1, "Stop sequences cannot be empty"),
            z.maxLength(200, "Stop sequence is too long"),
          ),
      )
      .check(z.maxLength(MAX_STOP_SEQUENCES, `At most ${MAX_STOP_SEQUENCES} stop sequences`)),
  ),
  seed: z.optional(
    z
      .number({ error: "Seed must be a number" })
      .check(
        z.int("Seed must be a whole number"),
        z.minimum(0, "Seed must be at least 0"),
        z.maximum(2 ** 31 - 1, "Seed is too large"),
      ),
  ),
});

export type GenerationParams = z.infer<typeof generationParamsSchema>;
export type SamplingParamKey = Exclude<keyof GenerationParams, "system">;

export const SAMPLING_PARAM_KEYS = [
  "temperature",
  "topP",
  "maxTokens",
  "frequencyPenalty",
  "presencePenalty",
  "stop",
  "seed",
] as const satisfies readonly SamplingParamKey[];

/** Human labels, also the accessible names of the panel controls. */
export const PARAM_LABELS: Record<SamplingParamKey | "system", string> = {
  system: "System prompt",
  temperature: "Temperature",
  topP: "Top P",
  maxTokens: "Max tokens",
  frequencyPenalty: "Frequency penalty",
  presencePenalty: "Presence penalty",
  stop: "Stop sequences",
  seed: "Seed",
};

/** The OpenAI wire name of each sampling parameter. */
export const WIRE_NAMES: Record<SamplingParamKey, string> = {
  temperature: "temperature",
  topP: "top_p",
  maxTokens: "max_tokens",
  frequencyPenalty: "frequency_penalty",
  presencePenalty: "presence_penalty",
  stop: "stop",
  seed: "seed",
};

/**
 * What a given provider+model accepts. Limits narrow the base schema; `ignored` lists parameters the
 * model is known to accept without effect, so the UI can say so instead of silently dropping them.
 */
export interface ModelLimits {
  topPMin: number;
  maxTokens: number;
  maxStop: number;
  seedMin: number;
  ignored: SamplingParamKey[];
  ignoredNote?: string;
  /** when an effectiveness probe (lib/probe) decided `ignored` in place of the static knowledge */
  probedAt?: number;
}

export const DEFAULT_LIMITS: ModelLimits = {
  topPMin: 0,
  maxTokens: 131_072,
  maxStop: MAX_STOP_SEQUENCES,
  seedMin: 0,
  ignored: [],
};

export const DEFAULT_MAX_TOKENS = 8192;

export function defaultParams(limits: ModelLimits = DEFAULT_LIMITS): GenerationParams {
  return { temperature: 0.7, maxTokens: Math.min(DEFAULT_MAX_TOKENS, limits.maxTokens) };
}

export interface ParamIssue {
  field: string;
  message: string;
}

/** Validate against the base schema, then against one model's limits. Field names use the schema's keys. */
export function validateParams(
  input: unknown,
  limits: ModelLimits = DEFAULT_LIMITS,
): { ok: true; params: GenerationParams } | { ok: false; issues: ParamIssue[] } {
  const parsed = generationParamsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        field: i.path.length
          ? i.path.join(".")
          : i.code === "unrecognized_keys"
            ? i.keys.join(",")
            : "params",
        message: i.message,
      })),
    };
  }
  const p = parsed.data;
  const issues: ParamIssue[] = [];
  if (p.topP !== undefined && p.topP < limits.topPMin)
    issues.push({ field: "topP", message: `Top P must be at least ${limits.topPMin} for this provider` });
  if (p.maxTokens !== undefined && p.maxTokens > limits.maxTokens)
    issues.push({
      field: "maxTokens",
      message: `Max tokens must be at most ${limits.maxTokens} for this model`,
    });
  if (p.stop !== undefined && p.stop.length > limits.maxStop)
    issues.push({ field: "stop", message: `At most ${limits.maxStop} stop sequences for this provider` });
  if (p.seed !== undefined && p.seed < limits.seedMin)
    issues.push({ field: "seed", message: `Seed must be at least ${limits.seedMin} for this provider` });
  return issues.length ? { ok: false, issues } : { ok: true, params: p };
}

/** Drop unset and empty values so that "unset" has exactly one representation: absence. */
export function normalizeParams(p: GenerationParams): GenerationParams {
  const out: GenerationParams = {};
  for (const [k, v] of Object.entries(p) as [keyof GenerationParams, unknown][]) {
    if (v === undefined || v === null) continue;
    if (k === "system" && v === "") continue;
    if (k === "stop" && Array.isArray(v) && v.length === 0) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** Short human summary, e.g. "temperature 0.7 · max tokens 8192". */
export function describeParams(p: GenerationParams): string[] {
  return SAMPLING_PARAM_KEYS.filter((k) => p[k] !== undefined).map((k) => {
    const v = p[k];
    const label = PARAM_LABELS[k].toLowerCase();
    return Array.isArray(v) ? `${label} ${v.map((s) => JSON.stringify(s)).join(", ")}` : `${label} ${v}`;
  });
}
