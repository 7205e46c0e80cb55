import {
  DEFAULT_LIMITS,
  type GenerationParams,
  type ModelLimits,
  PARAM_LABELS,
  PARAM_RANGES,
  validateParams,
} from "@/lib/params";
import { MAX_COLUMNS, MIN_COLUMNS } from "./types";

/** The parameters a sweep can vary: the numeric ones (a list of stop sequences has no natural order). */
export const SWEEP_KEYS = [
  "temperature",
  "topP",
  "maxTokens",
  "frequencyPenalty",
  "presencePenalty",
  "seed",
] as const;

export type SweepKey = (typeof SWEEP_KEYS)[number];

export type SweepInput =
  | { mode: "list"; text: string }
  | { mode: "range"; from: string; to: string; steps: string };

export type SweepResult = { ok: true; values: number[] } | { ok: false; error: string };

const INTEGER_KEYS = new Set<SweepKey>(["maxTokens", "seed"]);

/** Round to the control's precision, so a range gives the values a user could have typed. */
function roundFor(key: SweepKey, v: number): number {
  if (INTEGER_KEYS.has(key)) return Math.round(v);
  const { step } = PARAM_RANGES[key as Exclude<SweepKey, "seed">];
  // `|| 0` turns -0 into 0.
  return Number((Math.round(v / step) * step).toFixed(2)) || 0;
}

function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** "0, 0.7, 1.4" (commas, semicolons or spaces) → [0, 0.7, 1.4]. */
function listValues(text: string): SweepResult {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== "");
  const values: number[] = [];
  for (const p of parts) {
    const n = parseNumber(p);
    if (n === undefined) return { ok: false, error: `"${p}" is not a number` };
    values.push(n);
  }
  return { ok: true, values };
}

/** from..to in `steps` evenly spaced values, both ends included. */
function rangeValues(key: SweepKey, from: string, to: string, steps: string): SweepResult {
  const a = parseNumber(from);
  const b = parseNumber(to);
  const n = parseNumber(steps);
  if (a === undefined) return { ok: false, error: "From must be a number" };
  if (b === undefined) return { ok: false, error: "To must be a number" };
  if (n === undefined || !Number.isInteger(n)) return { ok: false, error: "Steps must be a whole number" };
  if (n < MIN_COLUMNS || n > MAX_COLUMNS)
    return { ok: false, error: `Steps must be between ${MIN_COLUMNS} and ${MAX_COLUMNS}` };
  return {
    ok: true,
    values: Array.from({ length: n }, (_, i) => roundFor(key, a + ((b - a) * i) / (n - 1))),
  };
}

/**
 * The values of a sweep over `key`, each checked against the model's limits: 2 to 6 of them, one per
 * column. Duplicates are allowed on purpose (two columns at temperature 0 show what "deterministic" means).
 */
export function sweepValues(
  key: SweepKey,
  input: SweepInput,
  limits: ModelLimits = DEFAULT_LIMITS,
): SweepResult {
  const r =
    input.mode === "list" ? listValues(input.text) : rangeValues(key, input.from, input.to, input.steps);
  if (!r.ok) return r;
  if (r.values.length < MIN_COLUMNS) return { ok: false, error: `Give at least ${MIN_COLUMNS} values` };
  if (r.values.length > MAX_COLUMNS)
    return { ok: false, error: `At most ${MAX_COLUMNS} values (one per column)` };
  for (const v of r.values) {
    const checked = validateParams({ [key]: v }, limits);
    if (!checked.ok)
      return { ok: false, error: `${v}: ${checked.issues[0]?.message ?? `invalid ${PARAM_LABELS[key]}`}` };
  }
  return r;
}

/** One parameter set per value: the base with only `key` changed. */
export function sweepParams(base: GenerationParams, key: SweepKey, values: number[]): GenerationParams[] {
  return values.map((v) => ({ ...base, [key]: v }));
}
