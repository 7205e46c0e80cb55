import type { ModelSelection } from "@/lib/ai/models";
import {
  type GenerationParams,
  type ModelLimits,
  PARAM_LABELS,
  SAMPLING_PARAM_KEYS,
  type SamplingParamKey,
  WIRE_NAMES,
} from "@/lib/params";

export interface ColumnSettings extends ModelSelection {
  params: GenerationParams;
}

export interface Difference {
  key: SamplingParamKey | "system" | "model";
  /** short and plain, e.g. "temperature 1.4", "seed unset", "deepseek-reasoner" */
  label: string;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function describeValue(key: SamplingParamKey, value: GenerationParams[SamplingParamKey]): string {
  const label = PARAM_LABELS[key].toLowerCase();
  if (value === undefined) return `${label} unset`;
  if (Array.isArray(value)) return `${label} ${value.map((s) => JSON.stringify(s)).join(", ")}`;
  return `${label} ${value}`;
}

/** What a column changes relative to the baseline (column 1), in the order of the parameter panel. */
export function describeDifferences(base: ColumnSettings, column: ColumnSettings): Difference[] {
  const out: Difference[] = [];
  if (base.providerId !== column.providerId || base.modelId !== column.modelId) {
    out.push({ key: "model", label: column.modelId });
  }
  if ((base.params.system ?? "") !== (column.params.system ?? "")) {
    out.push({ key: "system", label: column.params.system ? "other system prompt" : "no system prompt" });
  }
  for (const key of SAMPLING_PARAM_KEYS) {
    if (!sameValue(base.params[key], column.params[key])) {
      out.push({ key, label: describeValue(key, column.params[key]) });
    }
  }
  return out;
}

/** The varied parameters this column's model is known to ignore: their differences are sampling noise. */
export function ignoredVariations(differences: Difference[], limits: ModelLimits): SamplingParamKey[] {
  const ignored = new Set<string>(limits.ignored);
  return differences.flatMap((d) => (ignored.has(d.key) ? [d.key as SamplingParamKey] : []));
}

/** "deepseek-reasoner (DeepSeek) ignores temperature and top_p: differences are sampling noise" */
export function ignoredWarning(model: string, keys: SamplingParamKey[]): string {
  const names = keys.map((k) => WIRE_NAMES[k]);
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
  return `${model} ignores ${list}: differences are sampling noise, not a parameter effect.`;
}
