import type { ModelSelection } from "@/lib/ai/models";
import {
  type GenerationParams,
  type ModelLimits,
  PARAM_LABELS,
  SAMPLING_PARAM_KEYS,
  type SamplingParamKey,
  WIRE_NAMES,
} from "@/lib/params";
import { probeDate } from "@/lib/probe/apply";

export interface ColumnSettings extends ModelSelection {
  params: GenerationParams;
}

export interface Difference {
  key: SamplingParamKey | "system" | "model" | "provider";
  /** short and plain, e.g. "temperature 1.4", "seed unset", "deepseek-reasoner", "Atlas Cloud" */
  label: string;
}

/** A provider's display name ("Atlas Cloud"); the id when it is not known. */
export type ProviderNamer = (providerId: string) => string;

/** Whether the columns use more than one provider: then headers and answers name the provider. */
export function providersDiffer(columns: readonly Pick<ModelSelection, "providerId">[]): boolean {
  return new Set(columns.map((c) => c.providerId)).size > 1;
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

/**
 * What a column changes relative to the baseline (column 1), in the order of the parameter panel. The same
 * model id served by another provider is named by its provider: a chip naming the model alone would read
 * the same on both columns.
 */
export function describeDifferences(
  base: ColumnSettings,
  column: ColumnSettings,
  providerName: ProviderNamer = (id) => id,
): Difference[] {
  const out: Difference[] = [];
  const otherProvider = base.providerId !== column.providerId;
  if (base.modelId !== column.modelId) {
    const label = otherProvider ? `${column.modelId} (${providerName(column.providerId)})` : column.modelId;
    out.push({ key: "model", label });
  } else if (otherProvider) {
    out.push({ key: "provider", label: providerName(column.providerId) });
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

/**
 * "deepseek-reasoner (DeepSeek) ignores temperature and top_p: differences are sampling noise"; when an
 * effectiveness probe found it (`probedAt`), "appears to ignore … (tested 2026-11-29)".
 */
export function ignoredWarning(model: string, keys: SamplingParamKey[], probedAt?: number): string {
  const names = keys.map((k) => WIRE_NAMES[k]);
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
  const verb =
    probedAt === undefined ? `ignores ${list}` : `appears to ignore ${list} (tested ${probeDate(probedAt)})`;
  return `${model} ${verb}: differences are sampling noise, not a parameter effect.`;
}

/**
 * Each column named by its own values of what varies across the columns ("temperature 0", "temperature
 * 1.4"); "" for a column when nothing varies (all the same settings).
 */
export function columnNames(
  columns: readonly ColumnSettings[],
  providerName: ProviderNamer = (id) => id,
): string[] {
  const [base] = columns;
  if (!base) return [];
  const varied = new Set(columns.flatMap((c) => describeDifferences(base, c).map((d) => d.key)));
  return columns.map((c) => {
    const parts: string[] = [];
    if (varied.has("model")) parts.push(c.modelId);
    if (varied.has("provider") || (varied.has("model") && new Set(columns.map((x) => x.providerId)).size > 1))
      parts.push(providerName(c.providerId));
    if (varied.has("system")) parts.push(c.params.system ? "system prompt" : "no system prompt");
    for (const key of SAMPLING_PARAM_KEYS) if (varied.has(key)) parts.push(describeValue(key, c.params[key]));
    return parts.join(", ");
  });
}
